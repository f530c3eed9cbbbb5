// C API: money, decimals and dates.
#include <nlohmann/json.hpp>

#include "capi_internal.hpp"
#include "pactum/core/date.hpp"
#include "pactum/core/decimal.hpp"
#include "pactum/core/money.hpp"

using namespace pactum;
using capi::guard;
using capi::require;
using capi::text_arg;

namespace {

Rounding rounding_arg(pactum_rounding r) {
  switch (r) {
    case PACTUM_ROUND_HALF_EVEN: return Rounding::half_even;
    case PACTUM_ROUND_HALF_UP: return Rounding::half_up;
    case PACTUM_ROUND_DOWN: return Rounding::down;
    case PACTUM_ROUND_UP: return Rounding::up;
    case PACTUM_ROUND_FLOOR: return Rounding::floor;
    case PACTUM_ROUND_CEILING: return Rounding::ceiling;
    default: break;
  }
  raise(Errc::invalid_argument, "core.bad_rounding", {{"rounding", std::to_string(static_cast<int>(r))}});
}

Money money_arg(const char* amount, const char* currency, const char* amount_name, const char* currency_name) {
  std::string_view a = text_arg(amount, amount_name);
  std::string_view c = text_arg(currency, currency_name);
  return Money::parse(a, Currency::of(c));
}

Date date_arg(const char* date, const char* name) { return Date::parse(text_arg(date, name)); }

}  // namespace

extern "C" {

int pactum_money_normalize(const char* amount, const char* currency, char** out) {
  return guard([&] {
    require(out, "out");
    *out = capi::dup_string(money_arg(amount, currency, "amount", "currency").to_string());
  });
}

int pactum_money_add(const char* a, const char* a_currency, const char* b, const char* b_currency, char** out) {
  return guard([&] {
    require(out, "out");
    const Money sum = money_arg(a, a_currency, "a", "a_currency") + money_arg(b, b_currency, "b", "b_currency");
    *out = capi::dup_string(sum.to_string());
  });
}

int pactum_money_sub(const char* a, const char* a_currency, const char* b, const char* b_currency, char** out) {
  return guard([&] {
    require(out, "out");
    const Money diff = money_arg(a, a_currency, "a", "a_currency") - money_arg(b, b_currency, "b", "b_currency");
    *out = capi::dup_string(diff.to_string());
  });
}

int pactum_money_compare(const char* a, const char* a_currency, const char* b, const char* b_currency, int* out) {
  return guard([&] {
    require(out, "out");
    const auto order = money_arg(a, a_currency, "a", "a_currency") <=> money_arg(b, b_currency, "b", "b_currency");
    *out = order < 0 ? -1 : (order > 0 ? 1 : 0);
  });
}

int pactum_money_mul(const char* amount, const char* currency, const char* factor, pactum_rounding rounding,
                     char** out) {
  return guard([&] {
    require(out, "out");
    const Money m = money_arg(amount, currency, "amount", "currency");
    const Decimal f = Decimal::parse(text_arg(factor, "factor"));
    *out = capi::dup_string(m.times(f, rounding_arg(rounding)).to_string());
  });
}

int pactum_money_round(const char* amount, const char* currency, int scale, pactum_rounding rounding, char** out) {
  return guard([&] {
    require(out, "out");
    const Money m = money_arg(amount, currency, "amount", "currency");
    *out = capi::dup_string(m.rounded(scale, rounding_arg(rounding)).to_string());
  });
}

int pactum_money_allocate(const char* amount, const char* currency, const int64_t* weights, size_t count,
                          char** out_json) {
  return guard([&] {
    require(out_json, "out_json");
    require(weights, "weights");
    const Money m = money_arg(amount, currency, "amount", "currency");
    const auto parts = m.allocate(std::span<const std::int64_t>(weights, count));
    nlohmann::json doc = {{"version", 1}, {"currency", std::string(m.currency().code())}};
    nlohmann::json list = nlohmann::json::array();
    for (const Money& p : parts) list.push_back(p.to_string());
    doc["parts"] = std::move(list);
    *out_json = capi::dup_string(doc.dump());
  });
}

int pactum_decimal_ratio(const char* numerator, const char* denominator, int scale, pactum_rounding rounding,
                         char** out) {
  return guard([&] {
    require(out, "out");
    const Ratio n(Decimal::parse(text_arg(numerator, "numerator")));
    const Ratio d(Decimal::parse(text_arg(denominator, "denominator")));
    *out = capi::dup_string((n / d).round(scale, rounding_arg(rounding)).to_string());
  });
}

int pactum_decimal_round(const char* value, int scale, pactum_rounding rounding, char** out) {
  return guard([&] {
    require(out, "out");
    const Decimal v = Decimal::parse(text_arg(value, "value"));
    *out = capi::dup_string(v.rescaled(scale, rounding_arg(rounding)).to_string());
  });
}

int pactum_decimal_mul(const char* a, const char* b, char** out) {
  return guard([&] {
    require(out, "out");
    const Decimal product = Decimal::parse(text_arg(a, "a")) * Decimal::parse(text_arg(b, "b"));
    *out = capi::dup_string(product.to_string());
  });
}

int pactum_date_check(const char* date) {
  return guard([&] { (void)date_arg(date, "date"); });
}

int pactum_date_add_days(const char* date, int64_t days, char out[PACTUM_DATE_SIZE]) {
  return guard([&] {
    require(out, "out");
    capi::write_date(date_arg(date, "date").add_days(days).to_string(), out);
  });
}

int pactum_date_add_months(const char* date, int64_t months, char out[PACTUM_DATE_SIZE]) {
  return guard([&] {
    require(out, "out");
    capi::write_date(date_arg(date, "date").add_months(months).to_string(), out);
  });
}

int pactum_date_days_between(const char* from, const char* to, int64_t* out) {
  return guard([&] {
    require(out, "out");
    *out = days_between(date_arg(from, "from"), date_arg(to, "to"));
  });
}

}  // extern "C"
