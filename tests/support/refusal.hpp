// What a call refused, for the tests of the domain rules: the message key or
// the error code of the pactum::Error it threw.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "pactum/core/error.hpp"

namespace pactum::test {

// The key of the Error `f` throws, "(none)" when it returns.
template <class F>
std::string key_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.key();
  }
  return "(none)";
}

// The code of the Error `f` throws; a test failure when it returns.
template <class F>
Errc code_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  ADD_FAILURE() << "no refusal";
  return Errc::internal;
}

}  // namespace pactum::test
