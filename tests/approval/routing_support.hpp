// Test support for approval routing: building inputs, random tables and
// random inputs for the property tests, and an independent reader of the
// checker's region texts ("[50000, 100000]", "not(\"a\")", "true", ...).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "pactum/approval/routing.hpp"

namespace pactum::test {

inline RoutingInputs inputs(std::string type, std::string amount, std::string department = "",
                            bool key_account = false) {
  RoutingInputs in;
  in.type = std::move(type);
  in.amount = Money::parse(amount, "CNY");
  in.department = std::move(department);
  in.key_account = key_account;
  return in;
}

inline std::vector<std::string> route_names(const ApprovalRoute& route) {
  std::vector<std::string> out;
  for (const RouteStep& s : route.steps) out.push_back(s.approver.name);
  return out;
}

// ---- Random tables -------------------------------------------------------------

// One input of the random tables, with the pool its values come from.
struct RandomInput {
  RoutingInput def;
  enum class Kind { text, choice, ordered } kind = Kind::text;
  std::vector<std::string> pool;          // text/choice values used in tests and inputs
  std::vector<std::int64_t> breakpoints;  // ordered: units used in tests
  std::int64_t min = 0, max = 0;          // ordered domain for inputs
};

inline std::vector<RandomInput> input_catalogue() {
  std::vector<RandomInput> all;
  auto text = [&](std::string name, RoutingInputType type, bool attribute) {
    RandomInput r;
    r.def.name = name;
    r.def.type = attribute ? RoutingInputType::attribute : type;
    if (attribute) r.def.value_type = type;
    r.kind = RandomInput::Kind::text;
    r.pool = {"a", "b", "c", "d"};
    all.push_back(r);
  };
  text("type", RoutingInputType::text, false);
  text("department", RoutingInputType::department, false);
  text("region", RoutingInputType::text, true);
  {
    RandomInput r;
    r.def.name = "grade";
    r.def.type = RoutingInputType::attribute;
    r.def.value_type = RoutingInputType::enumeration;
    r.def.values = {"A", "B", "C", "D"};
    r.kind = RandomInput::Kind::choice;
    r.pool = r.def.values;
    all.push_back(r);
  }
  {
    RandomInput r;
    r.def.name = "key_account";
    r.def.type = RoutingInputType::boolean;
    r.kind = RandomInput::Kind::choice;
    r.pool = {"true", "false"};
    all.push_back(r);
  }
  {
    RandomInput r;
    r.def.name = "amount";
    r.def.type = RoutingInputType::money;
    r.kind = RandomInput::Kind::ordered;
    r.breakpoints = {0, 100000, 500000, 1000000, 1000001, 2000000, 5000000};  // units of 10^-4
    r.min = 0;
    r.max = 10000000;
    all.push_back(r);
  }
  {
    RandomInput r;
    r.def.name = "score";
    r.def.type = RoutingInputType::attribute;
    r.def.value_type = RoutingInputType::number;
    r.def.min = Decimal(-100);
    r.def.max = Decimal(100);
    r.kind = RandomInput::Kind::ordered;
    r.breakpoints = {-1000000, -5000, 0, 1, 5000, 105000, 1000000};
    r.min = -1000000;
    r.max = 1000000;
    all.push_back(r);
  }
  return all;
}

inline std::string units_literal(std::int64_t units) {
  return Decimal::from_coefficient(units, 4).normalized().to_string();
}

struct RandomTable {
  RoutingTableDefinition def;
  std::vector<RandomInput> inputs;
};

class RandomTables {
 public:
  explicit RandomTables(std::uint64_t seed) : rng_(seed) {}

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool chance(int percent) { return pick(100) < percent; }

  RandomTable table(int max_rules = 12) {
    RandomTable t;
    auto catalogue = input_catalogue();
    std::shuffle(catalogue.begin(), catalogue.end(), rng_);
    const int n_inputs = 1 + pick(4);
    for (int i = 0; i < n_inputs; ++i) t.inputs.push_back(catalogue[i]);
    for (const RandomInput& in : t.inputs) t.def.inputs.push_back(in.def);
    t.def.id = "random";
    t.def.version = 1 + pick(5);
    const HitPolicy policies[] = {HitPolicy::unique,  HitPolicy::any,        HitPolicy::first,
                                  HitPolicy::priority, HitPolicy::collect,   HitPolicy::rule_order,
                                  HitPolicy::output_order};
    t.def.hit_policy = policies[pick(7)];
    if (chance(20)) t.def.step_order = std::vector<Approver>{Approver::role("finance"), Approver::role("hr")};
    const int n_rules = 1 + pick(max_rules);
    for (int r = 0; r < n_rules; ++r) {
      RoutingRule rule;
      if (chance(80)) rule.id = "r" + std::to_string(r + 1);
      for (const RandomInput& in : t.inputs) {
        if (chance(35)) continue;
        rule.when[in.def.name] = cell(in);
      }
      rule.route = route();
      t.def.rules.push_back(std::move(rule));
    }
    return t;
  }

  std::string cell(const RandomInput& in) {
    switch (in.kind) {
      case RandomInput::Kind::text:
      case RandomInput::Kind::choice: {
        const bool boolean = in.def.type == RoutingInputType::boolean;
        auto literal = [&](const std::string& v) { return boolean ? v : "\"" + v + "\""; };
        std::vector<std::string> values;
        const int n = 1 + pick(2);
        for (int k = 0; k < n; ++k) values.push_back(literal(in.pool[pick(static_cast<int>(in.pool.size()))]));
        std::string list;
        for (const auto& v : values) list += (list.empty() ? "" : ", ") + v;
        if (chance(20)) return "not(" + list + ")";
        if (chance(15)) return "= " + values[0];
        return list;
      }
      case RandomInput::Kind::ordered: {
        auto bp = [&] { return units_literal(in.breakpoints[pick(static_cast<int>(in.breakpoints.size()))]); };
        auto range = [&]() -> std::string {
          std::int64_t a = in.breakpoints[pick(static_cast<int>(in.breakpoints.size()))];
          std::int64_t b = in.breakpoints[pick(static_cast<int>(in.breakpoints.size()))];
          if (a > b) std::swap(a, b);
          const char* open[] = {"[", "(", "]"};
          const char* close[] = {"]", ")", "["};
          int lo = pick(3);
          int hi = pick(3);
          if (a == b) lo = hi = 0;
          return open[lo] + units_literal(a) + ".." + units_literal(b) + close[hi];
        };
        std::string test;
        switch (pick(8)) {
          case 0: test = "< " + bp(); break;
          case 1: test = "<= " + bp(); break;
          case 2: test = "> " + bp(); break;
          case 3: test = ">=" + bp(); break;
          case 4: test = range(); break;
          case 5: test = bp() + ", " + bp(); break;
          case 6: test = "= " + bp(); break;
          default: test = range() + ", > " + bp(); break;
        }
        if (chance(15)) return "not(" + test + ")";
        return test;
      }
    }
    return "-";
  }

  ApprovalRoute route() {
    static const std::vector<Approver> pool = {
        Approver::role("dept_manager"), Approver::role("hr"),  Approver::role("legal"),
        Approver::role("finance"),      Approver::role("general_manager"), Approver::role("ceo"),
        Approver::person("E1"),         Approver::role("board")};
    ApprovalRoute route;
    std::vector<Approver> chosen = pool;
    std::shuffle(chosen.begin(), chosen.end(), rng_);
    const int n = 1 + pick(3);
    for (int k = 0; k < n; ++k) {
      RouteStep s;
      s.approver = chosen[k];
      const int m = pick(4);
      if (m == 1) s.mode = ApprovalMode::all();
      if (m == 2 && s.approver.kind == Approver::Kind::role) s.mode = ApprovalMode::k_of(2 + pick(2));
      if (chance(25)) {
        s.deadline_days = 1 + pick(5);
        if (chance(50)) s.escalate_to = Approver::role("escalation");
      }
      route.steps.push_back(s);
    }
    return route;
  }

  // A value of one input: mostly near the table's literals and breakpoints.
  std::string value(const RandomInput& in) {
    switch (in.kind) {
      case RandomInput::Kind::text: {
        if (chance(20)) return chance(50) ? "zz" : "";
        return in.pool[pick(static_cast<int>(in.pool.size()))];
      }
      case RandomInput::Kind::choice: return in.pool[pick(static_cast<int>(in.pool.size()))];
      case RandomInput::Kind::ordered: {
        std::int64_t v = 0;
        if (chance(70)) {
          v = in.breakpoints[pick(static_cast<int>(in.breakpoints.size()))] + (pick(3) - 1);
        } else {
          v = std::uniform_int_distribution<std::int64_t>(in.min, in.max)(rng_);
        }
        v = std::clamp(v, in.min, in.max);
        return units_literal(v);
      }
    }
    return "";
  }

  // Inputs with `fixed` values for some inputs and random values elsewhere.
  RoutingInputs point(const std::vector<RandomInput>& ins, const std::vector<std::pair<std::string, std::string>>& fixed = {}) {
    RoutingInputs out;
    for (const RandomInput& in : ins) {
      std::string v;
      auto f = std::find_if(fixed.begin(), fixed.end(), [&](const auto& kv) { return kv.first == in.def.name; });
      v = f != fixed.end() ? f->second : value(in);
      set(out, in, v);
    }
    return out;
  }

  static void set(RoutingInputs& out, const RandomInput& in, const std::string& v) {
    const std::string& name = in.def.name;
    if (name == "type" && in.def.type != RoutingInputType::attribute) {
      out.type = v;
    } else if (name == "department" && in.def.type != RoutingInputType::attribute) {
      out.department = v;
    } else if (name == "amount") {
      out.amount = Money::parse(v, "CNY");
    } else if (name == "key_account") {
      out.key_account = v == "true";
    } else {
      out.attributes[name] = v;
    }
  }

  std::mt19937_64& rng() { return rng_; }

 private:
  std::mt19937_64 rng_;
};

// ---- Region texts, read back independently of the library ---------------------

// A set of values of one input, read from a region text.
struct RegionSet {
  bool none = false;
  bool ordered = false;
  struct Interval {
    std::optional<std::int64_t> lo, hi;  // nullopt: infinite
    bool lo_open = false, hi_open = false;
  };
  std::vector<Interval> intervals;
  bool negated = false;
  std::vector<std::string> values;

  bool contains_units(std::int64_t v) const {
    if (none) return false;
    for (const Interval& i : intervals) {
      bool ok = true;
      if (i.lo) ok = ok && (i.lo_open ? v > *i.lo : v >= *i.lo);
      if (i.hi) ok = ok && (i.hi_open ? v < *i.hi : v <= *i.hi);
      if (ok) return true;
    }
    return false;
  }
  bool contains(const std::string& v) const {
    if (none) return false;
    const bool listed = std::find(values.begin(), values.end(), v) != values.end();
    return listed != negated;
  }
};

inline std::int64_t parse_units(const std::string& text) {
  const Decimal d = Decimal::parse(text);
  return d.rescaled(4).coefficient();
}

inline RegionSet parse_region(const std::string& text, bool ordered) {
  RegionSet s;
  s.ordered = ordered;
  if (text == "none") {
    s.none = true;
    return s;
  }
  if (ordered) {
    std::size_t i = 0;
    while (i < text.size()) {
      RegionSet::Interval iv;
      const char open = text[i++];
      iv.lo_open = open == '(';
      const std::size_t comma = text.find(", ", i);
      const std::string lo = text.substr(i, comma - i);
      i = comma + 2;
      std::size_t close = text.find_first_of(")]", i);
      const std::string hi = text.substr(i, close - i);
      iv.hi_open = text[close] == ')';
      if (lo != "-inf") iv.lo = parse_units(lo);
      if (hi != "+inf") iv.hi = parse_units(hi);
      s.intervals.push_back(iv);
      i = close + 1;
      if (i < text.size()) i += 2;  // ", "
    }
    return s;
  }
  std::string body = text;
  if (body.rfind("not(", 0) == 0) {
    s.negated = true;
    body = body.substr(4, body.size() - 5);
  }
  std::size_t i = 0;
  while (i < body.size()) {
    if (body[i] == '"') {
      std::string v;
      ++i;
      while (body[i] != '"') {
        if (body[i] == '\\') ++i;
        v += body[i++];
      }
      ++i;
      s.values.push_back(v);
    } else if (body.compare(i, 4, "true") == 0) {
      s.values.push_back("true");
      i += 4;
    } else if (body.compare(i, 5, "false") == 0) {
      s.values.push_back("false");
      i += 5;
    } else {
      ++i;  // ", "
    }
  }
  return s;
}

}  // namespace pactum::test
