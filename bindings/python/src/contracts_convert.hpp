// Conversions shared by the org and contract bindings: text arguments (str,
// or bytes so that invalid UTF-8 reaches the library's own checks), contract
// references, and events as plain dicts.
#pragma once

#include <pybind11/pybind11.h>

#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "pactum/contract/contract.hpp"
#include "pactum/contract/event.hpp"
#include "pactum/core/error.hpp"
#include "py_database.hpp"

namespace pactum::python {

namespace py = pybind11;

// str (encoded as UTF-8; lone surrogates pass through as invalid bytes that
// the library refuses) or bytes; anything else is a TypeError naming `what`.
std::string str_arg(py::handle value, const char* what);
std::optional<std::string> optional_str_arg(py::handle value, const char* what);


py::object optional_text_object(const std::optional<std::string>& value);

// Wraps a Database method's lambda so that errors raised while converting its
// arguments (a malformed date or amount) speak the handle's language too.
template <class R, class... A>
struct Localized {
  std::function<R(PyDatabase&, A...)> fn;
  R operator()(PyDatabase& self, A... args) const {
    try {
      return fn(self, std::forward<A>(args)...);
    } catch (Error& e) {
      if (self.db) e.localize(self.db->lang());
      throw;
    }
  }
};
template <class F>
struct LocalizedOf : LocalizedOf<decltype(&F::operator())> {};
template <class C, class R, class... A>
struct LocalizedOf<R (C::*)(PyDatabase&, A...) const> {
  using type = Localized<R, A...>;
};
template <class F>
auto localized(F fn) {
  return typename LocalizedOf<F>::type{std::move(fn)};
}

}  // namespace pactum::python
