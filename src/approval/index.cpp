// The compiled evaluator's per-input indexes: every input's domain cut into
// atoms (sorted breakpoints for money and numbers, the literals plus "every
// other value" for text, the declared values for enumerations and booleans)
// with, per atom, the bitset of the rules accepting it. The checker reasons
// over the same atoms.
#include <algorithm>
#include <string>

#include "compiled.hpp"

namespace pactum::routing {

namespace {

void set_bit(std::vector<std::uint64_t>& masks, std::size_t atom, std::size_t words, std::size_t rule) {
  masks[atom * words + rule / 64] |= std::uint64_t{1} << (rule % 64);
}

std::size_t atom_at(const std::vector<std::int64_t>& starts, std::int64_t units) {
  return static_cast<std::size_t>(std::lower_bound(starts.begin(), starts.end(), units) - starts.begin());
}

int units_scale(std::int64_t units) {
  int scale = 4;
  while (scale > 0 && units % 10 == 0) {
    units /= 10;
    --scale;
  }
  return scale;
}

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  out += '"';
  return out;
}

bool bit(const std::vector<std::uint64_t>& set, std::size_t i) { return (set[i / 64] >> (i % 64)) & 1; }

}  // namespace

void build_indexes(RoutingTable::Compiled& c) {
  const std::size_t n_rules = c.rule_ids.size();
  const std::size_t words = (n_rules + 63) / 64;
  c.words = words;
  c.index.clear();
  c.indexed_inputs.clear();
  for (std::size_t i = 0; i < c.inputs.size(); ++i) {
    const InputSpec& spec = c.inputs[i];
    InputIndex idx;
    idx.trivial = true;
    for (std::size_t r = 0; r < n_rules && idx.trivial; ++r) idx.trivial = c.test(r, i).is_any();
    if (idx.trivial) {
      idx.atoms = 1;
      if (spec.kind == Kind::ordered) idx.starts = {spec.min};
      idx.masks.assign(words, 0);
      for (std::size_t r = 0; r < n_rules; ++r) set_bit(idx.masks, 0, words, r);
      c.index.push_back(std::move(idx));
      continue;
    }
    switch (spec.kind) {
      case Kind::ordered: {
        idx.starts.push_back(spec.min);
        for (std::size_t r = 0; r < n_rules; ++r) {
          for (const UnaryTest::Range& range : c.test(r, i).ranges()) {
            idx.starts.push_back(range.lo);
            if (range.hi < spec.max) idx.starts.push_back(range.hi + 1);
          }
        }
        std::sort(idx.starts.begin(), idx.starts.end());
        idx.starts.erase(std::unique(idx.starts.begin(), idx.starts.end()), idx.starts.end());
        idx.atoms = idx.starts.size();
        idx.masks.assign(idx.atoms * words, 0);
        for (std::size_t r = 0; r < n_rules; ++r) {
          for (const UnaryTest::Range& range : c.test(r, i).ranges()) {
            const std::size_t first = atom_at(idx.starts, range.lo);
            const std::size_t last = range.hi < spec.max ? atom_at(idx.starts, range.hi + 1) : idx.atoms;
            for (std::size_t a = first; a < last; ++a) set_bit(idx.masks, a, words, r);
          }
        }
        break;
      }
      case Kind::text: {
        for (std::size_t r = 0; r < n_rules; ++r) {
          for (const std::string& v : c.test(r, i).values()) idx.literals.push_back(v);
        }
        std::sort(idx.literals.begin(), idx.literals.end());
        idx.literals.erase(std::unique(idx.literals.begin(), idx.literals.end()), idx.literals.end());
        for (std::size_t k = 0; k < idx.literals.size(); ++k) {
          idx.literal_atom.emplace(idx.literals[k], static_cast<std::uint32_t>(k));
        }
        idx.atoms = idx.literals.size() + 1;
        idx.masks.assign(idx.atoms * words, 0);
        for (std::size_t r = 0; r < n_rules; ++r) {
          const UnaryTest& t = c.test(r, i);
          for (std::size_t a = 0; a < idx.atoms; ++a) {
            const bool accepted = a < idx.literals.size() ? t.matches(idx.literals[a]) : t.negated();
            if (accepted) set_bit(idx.masks, a, words, r);
          }
        }
        break;
      }
      case Kind::choice: {
        idx.atoms = spec.choices.size();
        idx.masks.assign(idx.atoms * words, 0);
        for (std::size_t r = 0; r < n_rules; ++r) {
          for (const std::string& v : c.test(r, i).values()) {
            set_bit(idx.masks, spec.choice_index.find(v)->second, words, r);
          }
        }
        break;
      }
    }
    c.indexed_inputs.push_back(static_cast<std::uint32_t>(i));
    c.index.push_back(std::move(idx));
  }
}

std::string region_text(const RoutingTable::Compiled& c, std::size_t input, const std::vector<std::uint64_t>& atoms) {
  const InputSpec& spec = c.inputs[input];
  const InputIndex& idx = c.index[input];
  std::size_t count = 0;
  for (std::size_t a = 0; a < idx.atoms; ++a) count += bit(atoms, a) ? 1 : 0;
  if (count == idx.atoms) return {};
  if (count == 0) return "none";
  std::string out;
  auto add = [&](const std::string& part) {
    if (!out.empty()) out += ", ";
    out += part;
  };
  switch (spec.kind) {
    case Kind::ordered: {
      for (std::size_t a = 0; a < idx.atoms;) {
        if (!bit(atoms, a)) {
          ++a;
          continue;
        }
        std::size_t b = a;
        while (b + 1 < idx.atoms && bit(atoms, b + 1)) ++b;
        const std::int64_t lo = idx.starts[a];
        const std::int64_t hi = b + 1 < idx.atoms ? idx.starts[b + 1] - 1 : spec.max;
        std::string lower;
        if (lo == kMinUnits) {
          lower = "(-inf";
        } else if (units_scale(lo - 1) < units_scale(lo)) {
          lower = "(" + units_text(lo - 1);
        } else {
          lower = "[" + units_text(lo);
        }
        std::string upper;
        if (hi == kMaxUnits) {
          upper = "+inf)";
        } else if (units_scale(hi + 1) < units_scale(hi)) {
          upper = units_text(hi + 1) + ")";
        } else {
          upper = units_text(hi) + "]";
        }
        add(lower + ", " + upper);
        a = b + 1;
      }
      return out;
    }
    case Kind::text: {
      const std::size_t other = idx.literals.size();
      if (bit(atoms, other)) {
        std::string excluded;
        for (std::size_t a = 0; a < other; ++a) {
          if (bit(atoms, a)) continue;
          if (!excluded.empty()) excluded += ", ";
          excluded += quoted(idx.literals[a]);
        }
        return "not(" + excluded + ")";
      }
      for (std::size_t a = 0; a < other; ++a) {
        if (bit(atoms, a)) add(quoted(idx.literals[a]));
      }
      return out;
    }
    case Kind::choice: {
      for (std::size_t a = 0; a < idx.atoms; ++a) {
        if (!bit(atoms, a)) continue;
        add(spec.value_type == RoutingInputType::boolean ? spec.choices[a] : quoted(spec.choices[a]));
      }
      return out;
    }
  }
  return out;
}

}  // namespace pactum::routing
