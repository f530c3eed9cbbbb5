// Property tests of approval routing: the compiled evaluator agrees with the
// linear reference scan, and the checker agrees with brute-force sampling.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "approval/routing_support.hpp"

using namespace pactum;
using namespace pactum::test;

namespace {

// The outcome of select(): the rules, or the error code.
struct Outcome {
  std::vector<std::size_t> rules;
  int code = 0;
  friend bool operator==(const Outcome&, const Outcome&) = default;
};

Outcome outcome(const RoutingTable& t, const RoutingInputs& in, RoutingEvaluator e) {
  Outcome o;
  try {
    o.rules = t.select(in, e);
  } catch (const Error& err) {
    o.code = static_cast<int>(err.code());
  }
  return o;
}

TEST(RoutingPropertyTest, CompiledAndLinearEvaluatorsAgreeOnRandomTables) {
  RandomTables gen(20240601);
  std::size_t tables = 0;
  std::size_t decisions = 0;
  std::size_t with_hits = 0;
  std::size_t selections = 0;
  std::size_t violations = 0;
  while (tables < 1000) {
    RandomTable rt = gen.table();
    RoutingTable table = RoutingTable::compile(rt.def);
    ++tables;
    for (int k = 0; k < 1000; ++k) {
      const RoutingInputs in = gen.point(rt.inputs);
      const auto compiled = table.matches(in, RoutingEvaluator::compiled);
      const auto linear = table.matches(in, RoutingEvaluator::linear);
      ASSERT_EQ(compiled, linear) << table.to_json();
      ++decisions;
      if (!compiled.empty()) ++with_hits;
      // The hit policy on top, for one input in ten (violations throw,
      // which is slow).
      if (k % 10 == 0) {
        const Outcome a = outcome(table, in, RoutingEvaluator::compiled);
        const Outcome b = outcome(table, in, RoutingEvaluator::linear);
        ASSERT_EQ(a, b) << table.to_json();
        ++selections;
        if (a.code != 0) ++violations;
      }
    }
  }
  EXPECT_EQ(decisions, 1000u * 1000u);
  // The generator exercises both outcomes, not only one of them.
  EXPECT_GT(with_hits, decisions / 4);
  EXPECT_GT(violations, selections / 20);
  EXPECT_LT(violations, selections / 2);
}

// The sets of a finding's region, by input name.
std::map<std::string, RegionSet> region_sets(const RoutingFinding& f, const std::vector<RandomInput>& ins) {
  std::map<std::string, RegionSet> out;
  for (const auto& entry : f.region) {
    const std::string& name = entry.first;
    auto in = std::find_if(ins.begin(), ins.end(), [&](const RandomInput& r) { return r.def.name == name; });
    out[name] = parse_region(entry.second, in->kind == RandomInput::Kind::ordered);
  }
  return out;
}

bool region_contains(const std::map<std::string, RegionSet>& region, const std::vector<RandomInput>& ins,
                     const RoutingInputs& point) {
  for (const RandomInput& in : ins) {
    auto it = region.find(in.def.name);
    if (it == region.end()) continue;
    const std::string& name = in.def.name;
    if (in.kind == RandomInput::Kind::ordered) {
      const std::int64_t units = name == "amount" ? point.amount->units() : parse_units(point.attributes.at(name));
      if (!it->second.contains_units(units)) return false;
    } else {
      std::string v;
      if (name == "type" && in.def.type != RoutingInputType::attribute) {
        v = point.type;
      } else if (name == "department" && in.def.type != RoutingInputType::attribute) {
        v = point.department;
      } else if (name == "key_account") {
        v = point.key_account ? "true" : "false";
      } else {
        v = point.attributes.at(name);
      }
      if (!it->second.contains(v)) return false;
    }
  }
  return true;
}

// A point inside the region: for each constrained input a value of its set.
RoutingInputs point_in(RandomTables& gen, const std::map<std::string, RegionSet>& region,
                       const std::vector<RandomInput>& ins) {
  std::vector<std::pair<std::string, std::string>> fixed;
  for (const RandomInput& in : ins) {
    auto it = region.find(in.def.name);
    if (it == region.end()) continue;
    const RegionSet& s = it->second;
    if (in.kind == RandomInput::Kind::ordered) {
      const auto& iv = s.intervals[gen.pick(static_cast<int>(s.intervals.size()))];
      const std::int64_t lo = iv.lo ? (iv.lo_open ? *iv.lo + 1 : *iv.lo) : in.min;
      const std::int64_t hi = iv.hi ? (iv.hi_open ? *iv.hi - 1 : *iv.hi) : std::max(lo, in.max);
      std::int64_t v = lo;
      const int where = gen.pick(3);
      if (where == 1) v = hi;
      if (where == 2) v = lo + (hi - lo) / 2;
      fixed.emplace_back(in.def.name, units_literal(v));
    } else if (s.negated) {
      std::string fresh = "fresh";
      while (std::find(s.values.begin(), s.values.end(), fresh) != s.values.end()) fresh += "x";
      // A listed pool value not excluded, or a fresh one.
      std::vector<std::string> candidates = {fresh};
      for (const std::string& v : in.pool) {
        if (std::find(s.values.begin(), s.values.end(), v) == s.values.end()) candidates.push_back(v);
      }
      fixed.emplace_back(in.def.name, candidates[gen.pick(static_cast<int>(candidates.size()))]);
    } else {
      fixed.emplace_back(in.def.name, s.values[gen.pick(static_cast<int>(s.values.size()))]);
    }
  }
  return gen.point(ins, fixed);
}

TEST(RoutingPropertyTest, CheckerAgreesWithBruteForceSampling) {
  RandomTables gen(77031);
  std::size_t gaps = 0;
  std::size_t overlaps = 0;
  std::size_t shadowed = 0;
  std::size_t unmatched_samples = 0;
  for (int n = 0; n < 1000; ++n) {
    RandomTable rt = gen.table(8);
    const RoutingTable table = RoutingTable::compile(rt.def);
    const auto findings = table.check();
    const HitPolicy policy = table.hit_policy();
    std::map<std::string, std::size_t> rule_of;
    for (std::size_t r = 0; r < table.rule_count(); ++r) rule_of[table.rule_id(r)] = r;

    std::vector<std::map<std::string, RegionSet>> regions;
    for (const RoutingFinding& f : findings) regions.push_back(region_sets(f, rt.inputs));

    // Every point sampled inside a reported region behaves as reported.
    for (std::size_t k = 0; k < findings.size(); ++k) {
      const RoutingFinding& f = findings[k];
      for (int s = 0; s < 40; ++s) {
        // A rule whose test accepts nothing has no point to sample.
        if (std::any_of(f.region.begin(), f.region.end(), [](const auto& kv) { return kv.second == "none"; })) break;
        const RoutingInputs p = point_in(gen, regions[k], rt.inputs);
        ASSERT_TRUE(region_contains(regions[k], rt.inputs, p));
        const auto hits = table.matches(p, RoutingEvaluator::linear);
        if (f.kind == FindingKind::gap) {
          ASSERT_TRUE(hits.empty()) << table.to_json() << "\n" << f.message();
        } else if (f.kind == FindingKind::overlap) {
          ASSERT_EQ(f.rules.size(), 2u);
          for (const std::string& id : f.rules) {
            ASSERT_TRUE(std::find(hits.begin(), hits.end(), rule_of.at(id)) != hits.end())
                << table.to_json() << "\n" << f.message();
          }
        } else {
          // Unreachable under FIRST: where the rule matches, an earlier one does too.
          const std::size_t r = rule_of.at(f.rules[0]);
          if (!hits.empty() && std::find(hits.begin(), hits.end(), r) != hits.end()) {
            ASSERT_LT(hits.front(), r) << table.to_json() << "\n" << f.message();
          }
        }
      }
      gaps += f.kind == FindingKind::gap;
      overlaps += f.kind == FindingKind::overlap;
      shadowed += f.kind == FindingKind::unreachable;
    }

    // Every sampled point that shows a problem lies in a reported region.
    std::set<std::string> unreachable;
    for (const RoutingFinding& f : findings) {
      if (f.kind == FindingKind::unreachable) unreachable.insert(f.rules[0]);
    }
    for (int s = 0; s < 300; ++s) {
      const RoutingInputs p = gen.point(rt.inputs);
      const auto hits = table.matches(p, RoutingEvaluator::linear);
      if (hits.empty()) {
        ++unmatched_samples;
        bool covered = false;
        for (std::size_t k = 0; k < findings.size() && !covered; ++k) {
          covered = findings[k].kind == FindingKind::gap && region_contains(regions[k], rt.inputs, p);
        }
        ASSERT_TRUE(covered) << table.to_json();
      }
      if (policy == HitPolicy::unique || policy == HitPolicy::any) {
        const auto& def = table.definition();
        for (std::size_t a = 0; a < hits.size(); ++a) {
          for (std::size_t b = a + 1; b < hits.size(); ++b) {
            if (policy == HitPolicy::any && def.rules[hits[a]].route == def.rules[hits[b]].route) continue;
            bool covered = false;
            for (std::size_t k = 0; k < findings.size() && !covered; ++k) {
              const RoutingFinding& f = findings[k];
              covered = f.kind == FindingKind::overlap && f.rules[0] == table.rule_id(hits[a]) &&
                        f.rules[1] == table.rule_id(hits[b]) && region_contains(regions[k], rt.inputs, p);
            }
            ASSERT_TRUE(covered) << table.to_json();
          }
        }
      }
      if (policy == HitPolicy::first && !hits.empty()) {
        // A rule seen firing is never reported unreachable.
        ASSERT_EQ(unreachable.count(table.rule_id(hits.front())), 0u) << table.to_json();
      }
      if (policy != HitPolicy::first) {
        // Outside FIRST only rules that accept nothing are unreachable.
        for (std::size_t r : hits) ASSERT_EQ(unreachable.count(table.rule_id(r)), 0u) << table.to_json();
      }
    }
  }
  // The random tables exercise every kind of finding.
  EXPECT_GT(gaps, 100u);
  EXPECT_GT(overlaps, 50u);
  EXPECT_GT(shadowed, 10u);
  EXPECT_GT(unmatched_samples, 1000u);
}

}  // namespace
