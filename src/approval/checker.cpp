// The checker: gaps (input regions no rule matches), overlaps (regions where
// several rules match under UNIQUE, or rules with different routes under ANY)
// and rules that can never fire (an empty test, or shadowed under FIRST).
//
// It reasons over the atoms of the per-input indexes: every rule is a box (a
// set of atoms per input), so regions are exact. Gaps come from a sweep that
// splits the space input by input into groups of atoms on which the set of
// live rules is constant; a group with no live rule is a gap. Boxes that
// differ in one input only are merged before they are reported.
#include <algorithm>
#include <string>
#include <unordered_map>

#include "compiled.hpp"

namespace pactum {

namespace {

using Bits = std::vector<std::uint64_t>;
using routing::InputIndex;

// Work allowed to one check (word operations); past it the table is refused
// as too complex to check.
constexpr std::uint64_t kWorkBudget = 400'000'000;

bool any_bit(const Bits& b) {
  return std::any_of(b.begin(), b.end(), [](std::uint64_t w) { return w != 0; });
}

bool test_bit(const Bits& b, std::size_t i) { return (b[i / 64] >> (i % 64)) & 1; }
void put_bit(Bits& b, std::size_t i) { b[i / 64] |= std::uint64_t{1} << (i % 64); }

class Checker {
 public:
  explicit Checker(const RoutingTable::Compiled& c) : c_(c) {
    const std::size_t n = c.rule_ids.size();
    for (std::uint32_t i : c.indexed_inputs) dims_.push_back(i);
    box_.resize(n);
    for (std::size_t r = 0; r < n; ++r) {
      box_[r].resize(dims_.size());
      for (std::size_t k = 0; k < dims_.size(); ++k) {
        const InputIndex& idx = c.index[dims_[k]];
        Bits& atoms = box_[r][k];
        atoms.assign(atom_words(k), 0);
        for (std::size_t a = 0; a < idx.atoms; ++a) {
          if ((idx.mask(a, c.words)[r / 64] >> (r % 64)) & 1) put_bit(atoms, a);
        }
      }
    }
  }

  std::vector<RoutingFinding> run() {
    const std::size_t n = c_.rule_ids.size();
    std::vector<bool> empty(n, false);
    for (std::size_t r = 0; r < n; ++r) {
      for (std::size_t k = 0; k < dims_.size(); ++k) {
        if (!any_bit(box_[r][k])) empty[r] = true;
      }
    }

    // Gaps over the whole space.
    Bits all_rules(c_.words, 0);
    for (std::size_t r = 0; r < n; ++r) {
      if (!empty[r]) put_bit(all_rules, r);
    }
    std::vector<std::vector<Bits>> gaps;
    std::vector<Bits> limit(dims_.size());
    for (std::size_t k = 0; k < dims_.size(); ++k) limit[k] = full_atoms(k);
    std::vector<Bits> current(dims_.size());
    sweep(0, all_rules, limit, current, [&](const std::vector<Bits>& box) {
      gaps.push_back(box);
      return gaps.size() < RoutingTable::kMaxFindings;
    });
    merge_boxes(gaps);
    for (const auto& g : gaps) add_gap(g);

    // Overlaps.
    const HitPolicy policy = c_.def.hit_policy;
    if (policy == HitPolicy::unique || policy == HitPolicy::any) {
      for (std::size_t i = 0; i < n && !full(); ++i) {
        if (empty[i]) continue;
        const Bits others = intersecting(i);
        for (std::size_t j = i + 1; j < n && !full(); ++j) {
          if (!test_bit(others, j) || empty[j]) continue;
          if (policy == HitPolicy::any && c_.output_class[i] == c_.output_class[j]) continue;
          add_overlap(i, j);
        }
      }
    }

    // Rules that can never fire.
    for (std::size_t r = 0; r < n && !full(); ++r) {
      if (empty[r]) add_empty(r);
    }
    if (policy == HitPolicy::first) {
      for (std::size_t r = 0; r < n && !full(); ++r) {
        if (empty[r]) continue;
        Bits earlier = intersecting(r);
        for (std::size_t j = r; j < earlier.size() * 64; ++j) {
          if (test_bit(earlier, j)) earlier[j / 64] &= ~(std::uint64_t{1} << (j % 64));
        }
        for (std::size_t j = 0; j < r; ++j) {
          if (empty[j] && test_bit(earlier, j)) earlier[j / 64] &= ~(std::uint64_t{1} << (j % 64));
        }
        if (!any_bit(earlier)) continue;
        bool uncovered = false;
        std::vector<Bits> scratch(dims_.size());
        sweep(0, earlier, box_[r], scratch, [&](const std::vector<Bits>&) {
          uncovered = true;
          return false;
        });
        if (!uncovered) add_shadowed(r, earlier);
      }
    }
    return std::move(findings_);
  }

 private:
  std::size_t atom_words(std::size_t k) const { return (c_.index[dims_[k]].atoms + 63) / 64; }

  Bits full_atoms(std::size_t k) const {
    Bits b(atom_words(k), 0);
    for (std::size_t a = 0; a < c_.index[dims_[k]].atoms; ++a) put_bit(b, a);
    return b;
  }

  bool full() const { return findings_.size() >= RoutingTable::kMaxFindings; }

  void spend(std::uint64_t work) {
    work_ += work;
    if (work_ > kWorkBudget) {
      raise(Errc::invalid_argument, "routing.check_too_complex", {{"table", c_.def.id}});
    }
  }

  // The rules whose box meets rule r's box in every input.
  Bits intersecting(std::size_t r) {
    Bits acc(c_.words, ~std::uint64_t{0});
    for (std::size_t k = 0; k < dims_.size(); ++k) {
      const InputIndex& idx = c_.index[dims_[k]];
      Bits any(c_.words, 0);
      for (std::size_t a = 0; a < idx.atoms; ++a) {
        if (!test_bit(box_[r][k], a)) continue;
        const std::uint64_t* m = idx.mask(a, c_.words);
        for (std::size_t w = 0; w < c_.words; ++w) any[w] |= m[w];
      }
      spend(idx.atoms * c_.words);
      for (std::size_t w = 0; w < c_.words; ++w) acc[w] &= any[w];
    }
    if (!acc.empty() && c_.rule_ids.size() % 64 != 0) acc.back() &= (std::uint64_t{1} << (c_.rule_ids.size() % 64)) - 1;
    return acc;
  }

  // Visits the regions (within `limit`) where no rule of `live` matches;
  // `emit` returns false to stop.
  template <class Emit>
  bool sweep(std::size_t k, const Bits& live, const std::vector<Bits>& limit, std::vector<Bits>& box, Emit&& emit) {
    if (!any_bit(live)) {
      for (std::size_t d = k; d < dims_.size(); ++d) box[d] = limit[d];
      return emit(box);
    }
    if (k == dims_.size()) return true;
    const InputIndex& idx = c_.index[dims_[k]];
    // Group the atoms of this input by the live rules accepting them.
    std::unordered_map<std::string, std::size_t> group_of;
    std::vector<std::pair<Bits, Bits>> groups;  // (live rules, atoms)
    Bits key(c_.words);
    for (std::size_t a = 0; a < idx.atoms; ++a) {
      if (!test_bit(limit[k], a)) continue;
      const std::uint64_t* m = idx.mask(a, c_.words);
      for (std::size_t w = 0; w < c_.words; ++w) key[w] = live[w] & m[w];
      std::string bytes(reinterpret_cast<const char*>(key.data()), key.size() * sizeof(std::uint64_t));
      auto [it, added] = group_of.emplace(std::move(bytes), groups.size());
      if (added) groups.emplace_back(key, Bits(atom_words(k), 0));
      put_bit(groups[it->second].second, a);
    }
    spend(idx.atoms * (c_.words + 1));
    for (auto& [rules, atoms] : groups) {
      box[k] = atoms;
      if (!sweep(k + 1, rules, limit, box, emit)) return false;
    }
    return true;
  }

  // Merges boxes that differ in one input only, until none do (boxes equal
  // in every other input are found through a hash of those inputs).
  void merge_boxes(std::vector<std::vector<Bits>>& boxes) {
    bool changed = true;
    while (changed) {
      changed = false;
      for (std::size_t k = 0; k < dims_.size(); ++k) {
        std::unordered_map<std::string, std::size_t> bucket;
        std::vector<std::vector<Bits>> out;
        for (auto& box : boxes) {
          std::string key;
          for (std::size_t d = 0; d < dims_.size(); ++d) {
            if (d == k) continue;
            key.append(reinterpret_cast<const char*>(box[d].data()), box[d].size() * sizeof(std::uint64_t));
          }
          spend(key.size() / sizeof(std::uint64_t) + 1);
          auto [it, added] = bucket.emplace(std::move(key), out.size());
          if (added) {
            out.push_back(std::move(box));
          } else {
            Bits& into = out[it->second][k];
            for (std::size_t w = 0; w < into.size(); ++w) into[w] |= box[k][w];
            changed = true;
          }
        }
        boxes = std::move(out);
      }
    }
  }

  std::vector<std::pair<std::string, std::string>> region_of(const std::vector<Bits>& box) const {
    std::vector<std::pair<std::string, std::string>> region;
    for (std::size_t k = 0; k < dims_.size(); ++k) {
      std::string text = routing::region_text(c_, dims_[k], box[k]);
      if (!text.empty()) region.emplace_back(c_.inputs[dims_[k]].name, std::move(text));
    }
    return region;
  }

  static std::string region_phrase(const std::vector<std::pair<std::string, std::string>>& region) {
    std::string out;
    for (const auto& [input, text] : region) {
      if (!out.empty()) out += "; ";
      out += input + " \u2208 " + text;
    }
    return out;
  }

  std::string rule_names(const std::vector<std::string>& ids) const {
    std::string out;
    for (const std::string& id : ids) {
      if (!out.empty()) out += ", ";
      out += "'" + id + "'";
    }
    return out;
  }

  void add(RoutingFinding f) {
    if (!full()) findings_.push_back(std::move(f));
  }

  void add_gap(const std::vector<Bits>& box) {
    RoutingFinding f;
    f.kind = FindingKind::gap;
    f.severity = FindingSeverity::error;
    f.region = region_of(box);
    f.args = {{"table", c_.def.id}};
    // A decision table's gap leaves inputs without an outcome, a routing
    // table's a contract without a route.
    const bool decision = !c_.def.outputs.empty();
    if (f.region.empty()) {
      f.key = decision ? "routing.finding_gap_everywhere_decision" : "routing.finding_gap_everywhere";
    } else {
      f.key = decision ? "routing.finding_gap_decision" : "routing.finding_gap";
      f.args.push_back({"region", region_phrase(f.region)});
    }
    add(std::move(f));
  }

  void add_overlap(std::size_t i, std::size_t j) {
    std::vector<Bits> box(dims_.size());
    for (std::size_t k = 0; k < dims_.size(); ++k) {
      box[k] = box_[i][k];
      for (std::size_t w = 0; w < box[k].size(); ++w) box[k][w] &= box_[j][k][w];
    }
    RoutingFinding f;
    f.kind = FindingKind::overlap;
    f.severity = FindingSeverity::error;
    f.rules = {c_.rule_ids[i], c_.rule_ids[j]};
    f.region = region_of(box);
    const bool any = c_.def.hit_policy == HitPolicy::any;
    const bool decision = !c_.def.outputs.empty();
    f.args = {{"rules", rule_names(f.rules)}};
    if (f.region.empty()) {
      f.key = any ? (decision ? "routing.finding_overlap_any_everywhere_decision" : "routing.finding_overlap_any_everywhere")
                  : "routing.finding_overlap_everywhere";
    } else {
      f.key = any ? (decision ? "routing.finding_overlap_any_decision" : "routing.finding_overlap_any") : "routing.finding_overlap";
      f.args.push_back({"region", region_phrase(f.region)});
    }
    add(std::move(f));
  }

  void add_empty(std::size_t r) {
    RoutingFinding f;
    f.kind = FindingKind::unreachable;
    f.severity = FindingSeverity::warning;
    f.rules = {c_.rule_ids[r]};
    std::string inputs;
    for (std::size_t k = 0; k < dims_.size(); ++k) {
      if (any_bit(box_[r][k])) continue;
      const std::string& name = c_.inputs[dims_[k]].name;
      f.region.emplace_back(name, "none");
      if (!inputs.empty()) inputs += ", ";
      inputs += "'" + name + "'";
    }
    f.key = "routing.finding_empty";
    f.args = {{"rule", c_.rule_ids[r]}, {"inputs", inputs}};
    add(std::move(f));
  }

  void add_shadowed(std::size_t r, const Bits& earlier) {
    RoutingFinding f;
    f.kind = FindingKind::unreachable;
    f.severity = FindingSeverity::warning;
    f.rules = {c_.rule_ids[r]};
    std::vector<std::string> before;
    for (std::size_t j = 0; j < r; ++j) {
      if (test_bit(earlier, j)) before.push_back(c_.rule_ids[j]);
    }
    f.rules.insert(f.rules.end(), before.begin(), before.end());
    f.region = region_of(box_[r]);
    f.key = "routing.finding_shadowed";
    f.args = {{"rule", c_.rule_ids[r]}, {"rules", rule_names(before)}};
    add(std::move(f));
  }

  const RoutingTable::Compiled& c_;
  std::vector<std::uint32_t> dims_;
  std::vector<std::vector<Bits>> box_;  // rule -> dim -> atoms
  std::vector<RoutingFinding> findings_;
  std::uint64_t work_ = 0;
};

}  // namespace

std::vector<RoutingFinding> RoutingTable::check() const { return Checker(*compiled_).run(); }

}  // namespace pactum
