// Routing tables: compiling a definition, reading the inputs of a decision,
// the linear and the compiled evaluators, hit policies and merged routes.
#include <algorithm>
#include <array>
#include <bit>
#include <map>
#include <set>
#include <string>

#include "compiled.hpp"
#include "pactum/core/text.hpp"

namespace pactum {

// ---- Routes --------------------------------------------------------------------

const char* approver_kind_name(Approver::Kind kind) noexcept {
  return kind == Approver::Kind::person ? "person" : "role";
}

ApprovalMode ApprovalMode::k_of(int k) {
  if (k < 1 || k > kMaxK) {
    raise(Errc::invalid_argument, "routing.mode_k", {{"k", std::to_string(k)}, {"max", std::to_string(kMaxK)}});
  }
  if (k == 1) return any();
  return {Kind::k_of_n, k};
}

std::strong_ordering operator<=>(const ApprovalMode& a, const ApprovalMode& b) noexcept {
  auto rank = [](const ApprovalMode& m) {
    switch (m.kind) {
      case ApprovalMode::Kind::any: return 0;
      case ApprovalMode::Kind::k_of_n: return 1;
      case ApprovalMode::Kind::all: return 2;
    }
    return 0;
  };
  if (auto c = rank(a) <=> rank(b); c != 0) return c;
  if (a.kind == ApprovalMode::Kind::k_of_n) return a.k <=> b.k;
  return std::strong_ordering::equal;
}

std::string ApprovalMode::to_string() const {
  switch (kind) {
    case Kind::any: return "any";
    case Kind::all: return "all";
    case Kind::k_of_n: return std::to_string(k) + " of n";
  }
  return "any";
}

// ---- Names ---------------------------------------------------------------------

namespace {

struct PolicyName {
  HitPolicy policy;
  const char* name;
  char letter;
};
constexpr PolicyName kPolicies[] = {
    {HitPolicy::unique, "UNIQUE", 'U'},         {HitPolicy::any, "ANY", 'A'},
    {HitPolicy::first, "FIRST", 'F'},           {HitPolicy::priority, "PRIORITY", 'P'},
    {HitPolicy::collect, "COLLECT", 'C'},       {HitPolicy::rule_order, "RULE ORDER", 'R'},
    {HitPolicy::output_order, "OUTPUT ORDER", 'O'},
};

struct InputTypeName {
  RoutingInputType type;
  const char* name;
};
constexpr InputTypeName kInputTypes[] = {
    {RoutingInputType::text, "text"},       {RoutingInputType::enumeration, "enum"},
    {RoutingInputType::money, "money"},     {RoutingInputType::number, "number"},
    {RoutingInputType::boolean, "boolean"}, {RoutingInputType::department, "department"},
    {RoutingInputType::attribute, "attribute"},
};

}  // namespace

HitPolicy parse_hit_policy(std::string_view name) {
  std::string norm;
  for (char ch : name) {
    if (ch == '_') ch = ' ';
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    norm += ch;
  }
  for (const PolicyName& p : kPolicies) {
    if (norm == p.name || (norm.size() == 1 && norm[0] == p.letter)) return p.policy;
  }
  if (norm.rfind("COLLECT ", 0) == 0 || norm == "C+" || norm == "C#" || norm == "C<" || norm == "C>") {
    raise(Errc::invalid_argument, "routing.collect_aggregation", {{"policy", std::string(name)}});
  }
  raise(Errc::invalid_argument, "routing.unknown_hit_policy", {{"policy", std::string(name)}});
}

const char* hit_policy_name(HitPolicy policy) noexcept {
  for (const PolicyName& p : kPolicies) {
    if (p.policy == policy) return p.name;
  }
  return "UNIQUE";
}

bool is_multi_hit(HitPolicy policy) noexcept {
  return policy == HitPolicy::collect || policy == HitPolicy::rule_order || policy == HitPolicy::output_order;
}

RoutingInputType parse_routing_input_type(std::string_view name) {
  for (const InputTypeName& t : kInputTypes) {
    if (name == t.name) return t.type;
  }
  raise(Errc::invalid_argument, "routing.unknown_input_type", {{"type", std::string(name)}});
}

const char* routing_input_type_name(RoutingInputType type) noexcept {
  for (const InputTypeName& t : kInputTypes) {
    if (t.type == type) return t.name;
  }
  return "text";
}

const char* finding_kind_name(FindingKind kind) noexcept {
  switch (kind) {
    case FindingKind::gap: return "gap";
    case FindingKind::overlap: return "overlap";
    case FindingKind::unreachable: return "unreachable";
  }
  return "gap";
}

const char* finding_severity_name(FindingSeverity s) noexcept {
  return s == FindingSeverity::warning ? "warning" : "error";
}

std::vector<Approver> default_step_order() {
  return {Approver::role("dept_manager"), Approver::role("hr"), Approver::role("legal"), Approver::role("finance"),
          Approver::role("general_manager")};
}

bool has_errors(const std::vector<RoutingFinding>& findings) noexcept {
  return std::any_of(findings.begin(), findings.end(),
                     [](const RoutingFinding& f) { return f.severity == FindingSeverity::error; });
}

std::size_t RoutingTable::Compiled::order_position(const Approver& a) const noexcept {
  auto it = order_index.find(a);
  return it == order_index.end() ? order.size() : it->second;
}

// ---- Compiling -----------------------------------------------------------------

namespace {

using routing::InputSpec;
using routing::Kind;
using routing::Source;

bool valid_text(std::string_view s, bool allow_empty = false) {
  if (s.empty()) return allow_empty;
  return is_valid_utf8(s) && !has_control_character(s) && code_point_count(s) <= RoutingTable::kMaxTextLength;
}

std::string num(std::size_t n) { return std::to_string(n); }

struct FieldSpec {
  const char* name;
  Source source;
  std::vector<RoutingInputType> allowed;
};

const std::vector<FieldSpec>& contract_fields() {
  static const std::vector<FieldSpec> fields = {
      {"type", Source::type, {RoutingInputType::text, RoutingInputType::enumeration}},
      {"amount", Source::amount, {RoutingInputType::money}},
      {"currency", Source::currency, {RoutingInputType::text, RoutingInputType::enumeration}},
      {"department", Source::department,
       {RoutingInputType::department, RoutingInputType::text, RoutingInputType::enumeration}},
      {"key_account", Source::key_account, {RoutingInputType::boolean}},
  };
  return fields;
}

Kind kind_of(RoutingInputType t) {
  switch (t) {
    case RoutingInputType::money:
    case RoutingInputType::number: return Kind::ordered;
    case RoutingInputType::enumeration:
    case RoutingInputType::boolean: return Kind::choice;
    default: return Kind::text;
  }
}

std::int64_t bound_units(const RoutingInput& in, const Decimal& value) {
  auto units = routing::decimal_units(value);
  if (!units) raise(Errc::invalid_argument, "routing.input_bound", {{"input", in.name}, {"value", value.to_string()}});
  return *units;
}

[[noreturn]] void option_error(const RoutingInput& in, const char* option) {
  raise(Errc::invalid_argument, "routing.input_option",
        {{"input", in.name}, {"option", option}, {"type", routing_input_type_name(in.type)}});
}

InputSpec resolve_input(const RoutingInput& in, std::size_t number) {
  if (!valid_text(in.name)) raise(Errc::invalid_argument, "routing.input_name", {{"number", num(number)}});
  InputSpec spec;
  spec.name = in.name;
  if (in.type == RoutingInputType::attribute) {
    spec.source = Source::attribute;
    spec.attribute = in.attribute.empty() ? in.name : in.attribute;
    if (!valid_text(spec.attribute)) raise(Errc::invalid_argument, "routing.input_attribute", {{"input", in.name}});
    if (in.value_type == RoutingInputType::attribute || in.value_type == RoutingInputType::department) {
      raise(Errc::invalid_argument, "routing.input_value_type",
            {{"input", in.name}, {"type", routing_input_type_name(in.value_type)}});
    }
    spec.value_type = in.value_type;
  } else {
    if (!in.attribute.empty()) option_error(in, "attribute");
    if (in.default_value) option_error(in, "default");
    const FieldSpec* field = nullptr;
    for (const FieldSpec& f : contract_fields()) {
      if (in.name == f.name) field = &f;
    }
    if (field == nullptr) raise(Errc::invalid_argument, "routing.input_not_field", {{"input", in.name}});
    if (std::find(field->allowed.begin(), field->allowed.end(), in.type) == field->allowed.end()) {
      std::string allowed;
      for (RoutingInputType t : field->allowed) {
        if (!allowed.empty()) allowed += ", ";
        allowed += routing_input_type_name(t);
      }
      raise(Errc::invalid_argument, "routing.input_field_type",
            {{"input", in.name}, {"type", routing_input_type_name(in.type)}, {"allowed", allowed}});
    }
    spec.source = field->source;
    spec.value_type = in.type;
  }
  spec.kind = kind_of(spec.value_type);

  // Enumerations and booleans: the declared values.
  if (spec.value_type == RoutingInputType::enumeration) {
    if (in.values.empty() || in.values.size() > RoutingTable::kMaxEnumValues) {
      raise(Errc::invalid_argument, "routing.input_values",
            {{"input", in.name}, {"max", num(RoutingTable::kMaxEnumValues)}});
    }
    for (const std::string& v : in.values) {
      if (!valid_text(v)) raise(Errc::invalid_argument, "routing.input_value_text", {{"input", in.name}});
      if (!spec.choice_index.emplace(v, static_cast<std::uint32_t>(spec.choices.size())).second) {
        raise(Errc::invalid_argument, "routing.input_value_duplicate", {{"input", in.name}, {"value", v}});
      }
      spec.choices.push_back(v);
    }
  } else {
    if (!in.values.empty()) option_error(in, "values");
    if (spec.value_type == RoutingInputType::boolean) {
      spec.choices = {"false", "true"};
      spec.choice_index.emplace("false", 0);
      spec.choice_index.emplace("true", 1);
    }
  }

  // Money and numbers: the domain, and the currency of money.
  if (spec.kind == Kind::ordered) {
    if (spec.value_type == RoutingInputType::money) spec.min = 0;
    if (in.min) spec.min = bound_units(in, *in.min);
    if (in.max) spec.max = bound_units(in, *in.max);
    if (spec.min > spec.max) raise(Errc::invalid_argument, "routing.input_bounds", {{"input", in.name}});
  } else {
    if (in.min) option_error(in, "min");
    if (in.max) option_error(in, "max");
  }
  if (in.currency) {
    if (spec.value_type != RoutingInputType::money || spec.source != Source::amount) option_error(in, "currency");
    spec.currency = Currency::of(*in.currency);
  }

  // Attribute defaults must be values of the input.
  if (in.default_value) {
    const std::string& d = *in.default_value;
    bool ok = false;
    switch (spec.kind) {
      case Kind::text: ok = valid_text(d, true); break;
      case Kind::choice: ok = spec.choice_index.find(d) != spec.choice_index.end(); break;
      case Kind::ordered:
        try {
          auto units = routing::decimal_units(Decimal::parse(d));
          ok = units && *units >= spec.min && *units <= spec.max;
        } catch (const Error&) {
          ok = false;
        }
        break;
    }
    if (!ok) raise(Errc::invalid_argument, "routing.input_default", {{"input", in.name}, {"value", d}});
    spec.default_text = d;
  }
  return spec;
}

std::string approver_text(const Approver& a) { return std::string(approver_kind_name(a.kind)) + " '" + a.name + "'"; }

void validate_route(ApprovalRoute& route, const std::string& rule, std::size_t number) {
  auto where = [&](std::size_t step) -> MessageArgs {
    return {{"rule", rule}, {"number", num(number)}, {"step", num(step)}};
  };
  if (route.steps.empty()) raise(Errc::invalid_argument, "routing.empty_route", {{"rule", rule}, {"number", num(number)}});
  if (route.steps.size() > RoutingTable::kMaxSteps) {
    raise(Errc::invalid_argument, "routing.too_many_steps",
          {{"rule", rule}, {"number", num(number)}, {"max", num(RoutingTable::kMaxSteps)}});
  }
  std::set<Approver> seen;
  for (std::size_t i = 0; i < route.steps.size(); ++i) {
    RouteStep& s = route.steps[i];
    if (s.approver.name.empty()) raise(Errc::invalid_argument, "routing.step_no_approver", where(i + 1));
    if (!valid_text(s.approver.name)) raise(Errc::invalid_argument, "routing.step_name", where(i + 1));
    switch (s.mode.kind) {
      case ApprovalMode::Kind::any:
      case ApprovalMode::Kind::all: s.mode.k = 1; break;
      case ApprovalMode::Kind::k_of_n: {
        if (s.mode.k < 1 || s.mode.k > ApprovalMode::kMaxK) {
          auto args = where(i + 1);
          args.push_back({"k", std::to_string(s.mode.k)});
          args.push_back({"max", std::to_string(ApprovalMode::kMaxK)});
          raise(Errc::invalid_argument, "routing.step_k", std::move(args));
        }
        if (s.mode.k == 1) {
          s.mode = ApprovalMode::any();
        } else if (s.approver.kind == Approver::Kind::person) {
          auto args = where(i + 1);
          args.push_back({"k", std::to_string(s.mode.k)});
          raise(Errc::invalid_argument, "routing.step_k_person", std::move(args));
        }
        break;
      }
    }
    if (s.deadline_days && (*s.deadline_days < 1 || *s.deadline_days > RouteStep::kMaxDeadlineDays)) {
      auto args = where(i + 1);
      args.push_back({"days", std::to_string(*s.deadline_days)});
      args.push_back({"max", std::to_string(RouteStep::kMaxDeadlineDays)});
      raise(Errc::invalid_argument, "routing.step_deadline", std::move(args));
    }
    if (s.escalate_to) {
      if (!s.deadline_days) raise(Errc::invalid_argument, "routing.step_escalation_without_deadline", where(i + 1));
      if (!valid_text(s.escalate_to->name)) raise(Errc::invalid_argument, "routing.step_escalation_name", where(i + 1));
      if (*s.escalate_to == s.approver) raise(Errc::invalid_argument, "routing.step_escalation_self", where(i + 1));
    }
    if (!seen.insert(s.approver).second) {
      auto args = where(i + 1);
      args.push_back({"approver", approver_text(s.approver)});
      raise(Errc::invalid_argument, "routing.step_duplicate", std::move(args));
    }
  }
}

// A decision table's rule gives one value for each declared output, and
// nothing else.
void validate_output(const RoutingRule& rule, const std::vector<std::string>& outputs, const std::string& id,
                     std::size_t number) {
  if (!rule.route.steps.empty()) raise(Errc::invalid_argument, "routing.route_in_decision", {{"rule", id}, {"number", num(number)}});
  for (const std::string& o : outputs) {
    auto it = rule.output.find(o);
    if (it == rule.output.end() || !valid_text(it->second)) {
      raise(Errc::invalid_argument, "routing.output_missing", {{"rule", id}, {"number", num(number)}, {"output", o}});
    }
  }
  for (const auto& [name, value] : rule.output) {
    if (std::find(outputs.begin(), outputs.end(), name) == outputs.end()) {
      raise(Errc::invalid_argument, "routing.output_unknown", {{"rule", id}, {"number", num(number)}, {"output", name}});
    }
  }
}

std::string output_key(const std::map<std::string, std::string>& output) {
  std::string key;
  for (const auto& [name, value] : output) {
    key += name;
    key += '\x1f';
    key += value;
    key += '\x1e';
  }
  return key;
}

std::string route_key(const ApprovalRoute& route) {
  std::string key;
  for (const RouteStep& s : route.steps) {
    key += static_cast<char>('0' + static_cast<int>(s.approver.kind));
    key += s.approver.name;
    key += '\x1f';
    key += std::to_string(static_cast<int>(s.mode.kind)) + ":" + std::to_string(s.mode.k);
    key += '\x1f';
    key += s.deadline_days ? std::to_string(*s.deadline_days) : "-";
    key += '\x1f';
    if (s.escalate_to) {
      key += static_cast<char>('0' + static_cast<int>(s.escalate_to->kind));
      key += s.escalate_to->name;
    }
    key += '\x1e';
  }
  return key;
}

// Output priority of routes (docs/routing.md): the route whose most senior
// step (latest in the approver order) is more senior wins, then the next
// one; a route with more steps wins over its prefix; then stricter modes.
std::strong_ordering compare_priority(const RoutingTable::Compiled& c, const ApprovalRoute& a, const ApprovalRoute& b) {
  auto key = [&](const ApprovalRoute& r) {
    std::vector<std::pair<std::size_t, ApprovalMode>> k;
    for (const RouteStep& s : r.steps) k.emplace_back(c.order_position(s.approver), s.mode);
    std::sort(k.begin(), k.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    return k;
  };
  const auto ka = key(a);
  const auto kb = key(b);
  const std::size_t n = std::min(ka.size(), kb.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (ka[i].first != kb[i].first) return ka[i].first <=> kb[i].first;
  }
  if (ka.size() != kb.size()) return ka.size() <=> kb.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (auto m = ka[i].second <=> kb[i].second; m != 0) return m;
  }
  return std::strong_ordering::equal;
}

}  // namespace

RoutingTable RoutingTable::compile(RoutingTableDefinition def) {
  auto c = std::make_shared<Compiled>();
  if (!valid_text(def.id)) raise(Errc::invalid_argument, "routing.table_id");
  if (def.version < 1) raise(Errc::invalid_argument, "routing.table_version", {{"version", std::to_string(def.version)}});
  if (def.inputs.size() > kMaxInputs) raise(Errc::invalid_argument, "routing.too_many_inputs", {{"max", num(kMaxInputs)}});
  if (!def.description.empty() && !is_valid_utf8(def.description)) {
    raise(Errc::invalid_argument, "core.bad_utf8", {{"what", "description"}});
  }
  const bool decision = !def.outputs.empty();
  if (decision) {
    std::set<std::string> names;
    for (const std::string& o : def.outputs) {
      if (!valid_text(o) || !names.insert(o).second) raise(Errc::invalid_argument, "routing.output_name", {{"output", o}});
    }
    if (def.hit_policy != HitPolicy::unique && def.hit_policy != HitPolicy::any && def.hit_policy != HitPolicy::first) {
      raise(Errc::invalid_argument, "routing.output_hit_policy", {{"policy", hit_policy_name(def.hit_policy)}});
    }
  }

  std::map<std::string, std::size_t> input_of;
  for (std::size_t i = 0; i < def.inputs.size(); ++i) {
    RoutingInput in = def.inputs[i];
    if (decision && in.type != RoutingInputType::attribute) {
      // A decision table reads every input by its name.
      in.value_type = in.type;
      in.type = RoutingInputType::attribute;
    }
    c->inputs.push_back(resolve_input(in, i + 1));
    if (!input_of.emplace(def.inputs[i].name, i).second) {
      raise(Errc::invalid_argument, "routing.input_duplicate", {{"input", def.inputs[i].name}});
    }
  }

  // Step order: the table's (or the default), then the other approvers in
  // order of first appearance.
  std::vector<Approver> listed = def.step_order ? *def.step_order : default_step_order();
  for (const Approver& a : listed) {
    if (!valid_text(a.name)) raise(Errc::invalid_argument, "routing.step_order_name");
    if (!c->order_index.emplace(a, c->order.size()).second) {
      raise(Errc::invalid_argument, "routing.step_order_duplicate", {{"approver", approver_text(a)}});
    }
    c->order.push_back(a);
  }
  c->listed = c->order.size();

  if (def.rules.empty()) raise(Errc::invalid_argument, "routing.no_rules");
  if (def.rules.size() > kMaxRules) raise(Errc::invalid_argument, "routing.too_many_rules", {{"max", num(kMaxRules)}});

  const std::size_t n_inputs = c->inputs.size();
  c->tests.reserve(def.rules.size() * n_inputs);
  std::set<std::string> ids;
  for (std::size_t r = 0; r < def.rules.size(); ++r) {
    RoutingRule& rule = def.rules[r];
    const std::size_t number = r + 1;
    std::string id = rule.id;
    if (id.empty()) {
      id = "#" + num(number);
    } else if (!valid_text(id) || id[0] == '#') {
      raise(Errc::invalid_argument, "routing.rule_id", {{"number", num(number)}});
    }
    if (!ids.insert(id).second) raise(Errc::invalid_argument, "routing.rule_duplicate_id", {{"rule", id}});
    if (!rule.description.empty() && !is_valid_utf8(rule.description)) {
      raise(Errc::invalid_argument, "core.bad_utf8", {{"what", "description"}});
    }
    for (const auto& [name, text] : rule.when) {
      if (input_of.find(name) == input_of.end()) {
        raise(Errc::invalid_argument, "routing.unknown_input", {{"rule", id}, {"number", num(number)}, {"input", name}});
      }
    }
    std::vector<std::uint32_t> tested;
    for (std::size_t i = 0; i < n_inputs; ++i) {
      const InputSpec& spec = c->inputs[i];
      auto cell = rule.when.find(spec.name);
      if (cell == rule.when.end()) {
        c->tests.push_back(routing::any_test(spec));
      } else {
        routing::CellContext where{id, number, spec.name};
        c->tests.push_back(routing::parse_unary_test(cell->second, spec, where));
      }
      if (!c->tests.back().is_any()) tested.push_back(static_cast<std::uint32_t>(i));
    }
    c->tested_inputs.push_back(std::move(tested));
    if (decision) {
      validate_output(rule, def.outputs, id, number);
    } else {
      if (!rule.output.empty()) raise(Errc::invalid_argument, "routing.output_in_routing", {{"rule", id}, {"number", num(number)}});
      validate_route(rule.route, id, number);
    }
    for (const RouteStep& s : rule.route.steps) {
      if (c->order_index.emplace(s.approver, c->order.size()).second) c->order.push_back(s.approver);
    }
    c->rule_ids.push_back(std::move(id));
  }

  // Classes of equal routes (or outputs) and their output priority (a
  // decision table's rules all rank the same: it has no PRIORITY policy).
  std::map<std::string, std::uint32_t> class_of;
  std::vector<std::size_t> class_rule;  // a rule of each class
  for (std::size_t r = 0; r < def.rules.size(); ++r) {
    const std::string key = decision ? output_key(def.rules[r].output) : route_key(def.rules[r].route);
    auto [it, added] = class_of.emplace(key, static_cast<std::uint32_t>(class_rule.size()));
    if (added) class_rule.push_back(r);
    c->output_class.push_back(it->second);
  }
  std::vector<std::uint32_t> by_priority(class_rule.size());
  for (std::uint32_t k = 0; k < by_priority.size(); ++k) by_priority[k] = k;
  auto compare = [&](std::size_t x, std::size_t y) {
    return decision ? std::strong_ordering::equal : compare_priority(*c, def.rules[x].route, def.rules[y].route);
  };
  std::stable_sort(by_priority.begin(), by_priority.end(),
                   [&](std::uint32_t x, std::uint32_t y) { return compare(class_rule[x], class_rule[y]) < 0; });
  std::vector<std::uint32_t> class_rank(class_rule.size(), 0);
  std::uint32_t rank = 0;
  for (std::size_t k = 0; k < by_priority.size(); ++k) {
    if (k > 0 && compare(class_rule[by_priority[k - 1]], class_rule[by_priority[k]]) != 0) ++rank;
    class_rank[by_priority[k]] = rank;
  }
  for (std::uint32_t cls : c->output_class) c->priority_rank.push_back(class_rank[cls]);

  c->def = std::move(def);
  routing::build_indexes(*c);
  return RoutingTable(std::move(c));
}

// ---- Accessors -----------------------------------------------------------------

const RoutingTableDefinition& RoutingTable::definition() const noexcept { return compiled_->def; }
const std::string& RoutingTable::id() const noexcept { return compiled_->def.id; }
int RoutingTable::version() const noexcept { return compiled_->def.version; }
HitPolicy RoutingTable::hit_policy() const noexcept { return compiled_->def.hit_policy; }
std::size_t RoutingTable::rule_count() const noexcept { return compiled_->rule_ids.size(); }
const std::vector<Approver>& RoutingTable::approver_order() const noexcept { return compiled_->order; }

const std::string& RoutingTable::rule_id(std::size_t rule) const {
  if (rule >= compiled_->rule_ids.size()) {
    raise(Errc::not_found, "routing.no_such_rule", {{"number", num(rule + 1)}});
  }
  return compiled_->rule_ids[rule];
}

const UnaryTest& RoutingTable::test(std::size_t rule, std::size_t input) const {
  if (rule >= compiled_->rule_ids.size()) raise(Errc::not_found, "routing.no_such_rule", {{"number", num(rule + 1)}});
  if (input >= compiled_->inputs.size()) raise(Errc::not_found, "routing.no_such_input", {{"number", num(input + 1)}});
  return compiled_->test(rule, input);
}

// ---- Reading the inputs --------------------------------------------------------

namespace routing {

namespace {

[[noreturn]] void value_error(const char* key, const InputSpec& spec, std::string_view value, MessageArgs extra = {}) {
  MessageArgs args = {{"input", spec.name}, {"value", is_valid_utf8(value) ? std::string(value) : std::string("?")}};
  for (auto& kv : extra) args.push_back(std::move(kv));
  raise(Errc::invalid_argument, key, std::move(args));
}

std::string domain_text(const InputSpec& spec) {
  std::string out;
  if (spec.min == kMinUnits) {
    out.append("(-inf");
  } else {
    out.append("[").append(units_text(spec.min));
  }
  out.append(", ");
  if (spec.max == kMaxUnits) {
    out.append("+inf)");
  } else {
    out.append(units_text(spec.max)).append("]");
  }
  return out;
}

}  // namespace

void bind_inputs(const RoutingTable::Compiled& c, const RoutingInputs& in, Bound* out) {
  for (std::size_t i = 0; i < c.inputs.size(); ++i) {
    const InputSpec& spec = c.inputs[i];
    Bound& b = out[i];
    std::string_view text;
    bool from_text = true;
    switch (spec.source) {
      case Source::type: text = in.type; break;
      case Source::department: text = in.department; break;
      case Source::currency:
        text = in.currency;
        if (text.empty() && in.amount) text = in.amount->currency().code();
        if (text.empty()) raise(Errc::invalid_argument, "routing.input_missing", {{"input", spec.name}});
        break;
      case Source::key_account:
        b.choice = in.key_account ? 1 : 0;
        b.text = spec.choices[b.choice];
        from_text = false;
        break;
      case Source::amount:
        if (!in.amount) raise(Errc::invalid_argument, "routing.input_missing", {{"input", spec.name}});
        if (spec.currency && !(in.amount->currency() == *spec.currency)) {
          raise(Errc::currency_mismatch, "routing.value_currency",
                {{"input", spec.name},
                 {"currency", std::string(in.amount->currency().code())},
                 {"expected", std::string(spec.currency->code())}});
        }
        b.units = in.amount->units();
        from_text = false;
        break;
      case Source::attribute: {
        auto it = in.attributes.find(spec.attribute);
        if (it != in.attributes.end()) {
          text = it->second;
        } else if (spec.default_text) {
          text = *spec.default_text;
        } else {
          raise(Errc::invalid_argument, "routing.input_missing", {{"input", spec.name}});
        }
        break;
      }
    }
    if (from_text) {
      switch (spec.kind) {
        case Kind::text:
          if (!is_valid_utf8(text)) value_error("routing.value_utf8", spec, text);
          b.text = text;
          break;
        case Kind::choice: {
          auto it = spec.choice_index.find(text);
          if (it == spec.choice_index.end()) {
            if (spec.value_type == RoutingInputType::boolean) value_error("routing.value_boolean", spec, text);
            value_error("routing.value_not_declared", spec, text);
          }
          b.choice = it->second;
          b.text = spec.choices[b.choice];
          break;
        }
        case Kind::ordered: {
          std::optional<std::int64_t> units;
          try {
            units = decimal_units(Decimal::parse(text));
          } catch (const Error&) {
            units.reset();
          }
          if (!units) value_error("routing.value_number", spec, text);
          b.units = *units;
          break;
        }
      }
    }
    if (spec.kind == Kind::ordered && (b.units < spec.min || b.units > spec.max)) {
      value_error("routing.value_out_of_domain", spec, units_text(b.units), {{"domain", domain_text(spec)}});
    }
  }
}

std::string bound_text(const RoutingTable::Compiled& c, std::size_t input, const Bound& b) {
  const InputSpec& spec = c.inputs[input];
  if (spec.kind != Kind::ordered) return std::string(b.text);
  return units_text(b.units);
}

std::string inputs_text(const RoutingTable::Compiled& c, const Bound* bound) {
  std::string out;
  for (std::size_t i = 0; i < c.inputs.size(); ++i) {
    if (!out.empty()) out += ", ";
    out += c.inputs[i].name + "=" + bound_text(c, i, bound[i]);
  }
  return out.empty() ? "-" : out;
}

}  // namespace routing

// ---- Evaluating ----------------------------------------------------------------

namespace {

// The values of one decision: inline for the usual handful of inputs.
class Bounds {
 public:
  explicit Bounds(std::size_t inputs) {
    if (inputs > kInline) heap_.resize(inputs);
  }
  routing::Bound* data() noexcept { return heap_.empty() ? inline_.data() : heap_.data(); }

 private:
  static constexpr std::size_t kInline = 8;
  std::array<routing::Bound, kInline> inline_;
  std::vector<routing::Bound> heap_;
};

std::vector<std::size_t> match_linear(const RoutingTable::Compiled& c, const routing::Bound* b) {
  std::vector<std::size_t> hits;
  const std::size_t n = c.rule_ids.size();
  for (std::size_t r = 0; r < n; ++r) {
    bool ok = true;
    for (std::uint32_t i : c.tested_inputs[r]) {
      const UnaryTest& t = c.test(r, i);
      ok = c.inputs[i].kind == routing::Kind::ordered ? t.matches_units(b[i].units) : t.matches(b[i].text);
      if (!ok) break;
    }
    if (ok) hits.push_back(r);
  }
  return hits;
}

std::size_t atom_of(const routing::InputIndex& idx, const routing::InputSpec& spec, const routing::Bound& b) {
  switch (spec.kind) {
    case routing::Kind::ordered: {
      auto it = std::upper_bound(idx.starts.begin(), idx.starts.end(), b.units);
      return static_cast<std::size_t>(it - idx.starts.begin()) - 1;
    }
    case routing::Kind::text: {
      auto it = idx.literal_atom.find(b.text);
      return it == idx.literal_atom.end() ? idx.literals.size() : it->second;
    }
    case routing::Kind::choice: return b.choice;
  }
  return 0;
}

std::vector<std::size_t> match_compiled(const RoutingTable::Compiled& c, const routing::Bound* b) {
  const std::size_t words = c.words;
  const std::size_t n_idx = c.indexed_inputs.size();
  std::vector<std::size_t> hits;
  if (n_idx == 0) {
    hits.resize(c.rule_ids.size());
    for (std::size_t r = 0; r < hits.size(); ++r) hits[r] = r;
    return hits;
  }
  std::array<const std::uint64_t*, RoutingTable::kMaxInputs> masks;
  for (std::size_t k = 0; k < n_idx; ++k) {
    const std::uint32_t i = c.indexed_inputs[k];
    masks[k] = c.index[i].mask(atom_of(c.index[i], c.inputs[i], b[i]), words);
  }
  for (std::size_t w = 0; w < words; ++w) {
    std::uint64_t acc = masks[0][w];
    for (std::size_t k = 1; k < n_idx && acc != 0; ++k) acc &= masks[k][w];
    while (acc != 0) {
      hits.push_back(w * 64 + static_cast<std::size_t>(std::countr_zero(acc)));
      acc &= acc - 1;
    }
  }
  return hits;
}

std::vector<std::size_t> match(const RoutingTable::Compiled& c, const routing::Bound* b, RoutingEvaluator e) {
  return e == RoutingEvaluator::linear ? match_linear(c, b) : match_compiled(c, b);
}

std::string rule_list(const RoutingTable::Compiled& c, const std::vector<std::size_t>& rules) {
  std::string out;
  for (std::size_t r : rules) {
    if (!out.empty()) out += ", ";
    out += "'" + c.rule_ids[r] + "'";
  }
  return out;
}

std::vector<std::size_t> apply_policy(const RoutingTable::Compiled& c, std::vector<std::size_t> hits,
                                      const routing::Bound* b) {
  auto fail = [&](const char* key, const std::vector<std::size_t>* rules) {
    MessageArgs args = {{"table", c.def.id}, {"version", std::to_string(c.def.version)}};
    if (rules) args.push_back({"rules", rule_list(c, *rules)});
    args.push_back({"inputs", routing::inputs_text(c, b)});
    raise(Errc::no_route, key, std::move(args));
  };
  if (hits.empty()) fail("routing.no_match", nullptr);
  switch (c.def.hit_policy) {
    case HitPolicy::unique:
      if (hits.size() > 1) fail("routing.unique_violation", &hits);
      return hits;
    case HitPolicy::any:
      for (std::size_t r : hits) {
        if (c.output_class[r] != c.output_class[hits[0]]) fail("routing.any_violation", &hits);
      }
      return hits;
    case HitPolicy::first: hits.resize(1); return hits;
    case HitPolicy::priority: {
      std::size_t best = hits[0];
      for (std::size_t r : hits) {
        if (c.priority_rank[r] > c.priority_rank[best]) best = r;
      }
      hits[0] = best;
      hits.resize(1);
      return hits;
    }
    case HitPolicy::collect:
    case HitPolicy::rule_order: return hits;
    case HitPolicy::output_order:
      std::stable_sort(hits.begin(), hits.end(),
                       [&](std::size_t x, std::size_t y) { return c.priority_rank[x] > c.priority_rank[y]; });
      return hits;
  }
  return hits;
}

}  // namespace

std::vector<std::size_t> RoutingTable::matches(const RoutingInputs& inputs, RoutingEvaluator evaluator) const {
  Bounds b(compiled_->inputs.size());
  routing::bind_inputs(*compiled_, inputs, b.data());
  return match(*compiled_, b.data(), evaluator);
}

std::vector<std::size_t> RoutingTable::select(const RoutingInputs& inputs, RoutingEvaluator evaluator) const {
  Bounds b(compiled_->inputs.size());
  routing::bind_inputs(*compiled_, inputs, b.data());
  return apply_policy(*compiled_, match(*compiled_, b.data(), evaluator), b.data());
}

ApprovalRoute RoutingTable::route_of(const std::vector<std::size_t>& selected) const {
  const Compiled& c = *compiled_;
  for (std::size_t r : selected) {
    if (r >= c.rule_ids.size()) raise(Errc::not_found, "routing.no_such_rule", {{"number", num(r + 1)}});
  }
  if (selected.empty()) return {};
  if (!is_multi_hit(c.def.hit_policy)) return c.def.rules[selected[0]].route;

  // Merge: one step per approver keeping the strictest mode and the
  // shortest deadline (with its escalation); listed approvers in step order,
  // the others in order of first appearance among the hits.
  struct Merged {
    RouteStep step;
    std::size_t sort_key;
  };
  std::vector<Merged> merged;
  std::map<Approver, std::size_t> at;
  std::size_t appearance = 0;
  for (std::size_t r : selected) {
    for (const RouteStep& s : c.def.rules[r].route.steps) {
      auto [it, added] = at.emplace(s.approver, merged.size());
      if (added) {
        const std::size_t pos = c.order_position(s.approver);
        merged.push_back({s, pos < c.listed ? pos : c.listed + appearance});
        ++appearance;
        continue;
      }
      RouteStep& m = merged[it->second].step;
      if (m.mode < s.mode) m.mode = s.mode;
      if (s.deadline_days && (!m.deadline_days || *s.deadline_days < *m.deadline_days)) {
        m.deadline_days = s.deadline_days;
        m.escalate_to = s.escalate_to;
      } else if (s.deadline_days && m.deadline_days && *s.deadline_days == *m.deadline_days && !m.escalate_to) {
        m.escalate_to = s.escalate_to;
      }
    }
  }
  std::stable_sort(merged.begin(), merged.end(), [](const Merged& x, const Merged& y) { return x.sort_key < y.sort_key; });
  ApprovalRoute route;
  route.steps.reserve(merged.size());
  for (Merged& m : merged) route.steps.push_back(std::move(m.step));
  return route;
}

const std::map<std::string, std::string>& RoutingTable::output_of(std::size_t rule) const {
  const Compiled& c = *compiled_;
  if (rule >= c.rule_ids.size()) raise(Errc::not_found, "routing.no_such_rule", {{"number", num(rule + 1)}});
  return c.def.rules[rule].output;
}

RoutingResult RoutingTable::evaluate(const RoutingInputs& inputs, RoutingEvaluator evaluator) const {
  const Compiled& c = *compiled_;
  Bounds b(c.inputs.size());
  routing::bind_inputs(c, inputs, b.data());
  std::vector<std::size_t> selected = apply_policy(c, match(c, b.data(), evaluator), b.data());
  RoutingResult result;
  result.route = route_of(selected);
  result.audit.table_id = c.def.id;
  result.audit.table_version = c.def.version;
  result.audit.hit_policy = c.def.hit_policy;
  result.audit.matched_rules.reserve(selected.size());
  for (std::size_t r : selected) result.audit.matched_rules.push_back(c.rule_ids[r]);
  result.audit.inputs.reserve(c.inputs.size());
  for (std::size_t i = 0; i < c.inputs.size(); ++i) {
    const routing::InputSpec& spec = c.inputs[i];
    std::string value = spec.source == routing::Source::amount ? inputs.amount->to_string()
                                                               : routing::bound_text(c, i, b.data()[i]);
    result.audit.inputs.push_back({spec.name, spec.value_type, std::move(value)});
  }
  return result;
}

RoutingResult evaluate_routing(std::string_view table_json, const RoutingInputs& inputs) {
  return RoutingTable::parse(table_json).evaluate(inputs);
}

std::vector<RoutingFinding> check_routing(std::string_view table_json) { return RoutingTable::parse(table_json).check(); }

void require_loadable(const RoutingTable& table, const std::vector<RoutingFinding>& findings,
                      const RoutingLoadOptions& options, const char* refused_key) {
  std::size_t gaps = 0;
  std::size_t overlaps = 0;
  for (const RoutingFinding& f : findings) {
    gaps += f.kind == FindingKind::gap ? 1 : 0;
    overlaps += f.kind == FindingKind::overlap ? 1 : 0;
  }
  if ((gaps > 0 && !options.allow_gaps) || (overlaps > 0 && !options.allow_overlaps)) {
    raise(Errc::invalid_argument, refused_key,
          {{"table", table.id()},
           {"version", std::to_string(table.version())},
           {"gaps", std::to_string(gaps)},
           {"overlaps", std::to_string(overlaps)}});
  }
}

bool is_new_table_version(const std::string& id, int version, const std::string& document,
                          const std::optional<std::string>& stored, std::optional<int> latest) {
  if (stored) {
    if (*stored != document) {
      raise(Errc::conflict, "routing.version_exists", {{"table", id}, {"version", std::to_string(version)}});
    }
    return false;
  }
  if (latest && version < *latest) {
    raise(Errc::conflict, "routing.version_old",
          {{"table", id}, {"version", std::to_string(version)}, {"latest", std::to_string(*latest)}});
  }
  return true;
}

void refuse_no_current_table() { raise(Errc::not_found, "routing.no_current"); }

void refuse_unknown_table(const std::string& id) { raise(Errc::not_found, "routing.table_not_found", {{"table", id}}); }

void refuse_unknown_table_version(const std::string& id, int version) {
  raise(Errc::not_found, "routing.table_version_not_found", {{"table", id}, {"version", std::to_string(version)}});
}

}  // namespace pactum
