// The classification of employees (classification.hpp, docs/reports.md
// "Classification"): group ranks, axes, and the decision table that names the
// class and the action. The default table is embedded; docs/
// classification-default.json holds the same text (a test keeps them equal).
#include "pactum/report/classification.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "pactum/core/error.hpp"

namespace pactum {

namespace {

constexpr std::string_view kDefaultTable = R"json({
  "id": "default",
  "version": 1,
  "hit_policy": "UNIQUE",
  "description": "The default classification of employees within their position (docs/reports.md). Contribution, execution and the score half compare an employee with the others of the same position group; the score is the scorecard's total; coverage is the weight of the indicators with data.",
  "inputs": [
    {"name": "coverage", "type": "number", "min": "0", "max": "100", "description": "the weight of the scorecard's indicators with data"},
    {"name": "score", "type": "number", "description": "the scorecard's total"},
    {"name": "score_half", "type": "enum", "values": ["top", "bottom"], "description": "top half of the group by score"},
    {"name": "contribution", "type": "enum", "values": ["high", "low"], "description": "top half of the group by signed amount"},
    {"name": "execution", "type": "enum", "values": ["high", "low"], "description": "top half of the group by collection rate"}
  ],
  "outputs": ["class", "action"],
  "rules": [
    {
      "id": "insufficient-data",
      "description": "less than half of the scorecard has data: too early to judge",
      "when": {"coverage": "< 50"},
      "output": {"class": "insufficient_data", "action": "collect_data"}
    },
    {
      "id": "promote",
      "description": "signs and collects in the top half, scores at least 80 and in the top half: the article's high contribution, high performance",
      "when": {"coverage": ">= 50", "score": ">= 80", "score_half": "\"top\"", "contribution": "\"high\"", "execution": "\"high\""},
      "output": {"class": "high_contribution_high_performance", "action": "promote"}
    },
    {
      "id": "performing-both-axes",
      "description": "signs and collects in the top half and scores at least 80, in the bottom half of the scores",
      "when": {"coverage": ">= 50", "score": ">= 80", "score_half": "\"bottom\"", "contribution": "\"high\"", "execution": "\"high\""},
      "output": {"class": "performing", "action": "recognise"}
    },
    {
      "id": "below-target",
      "description": "signs and collects in the top half but scores below 80: the other indicators lag",
      "when": {"coverage": ">= 50", "score": "< 80", "contribution": "\"high\"", "execution": "\"high\""},
      "output": {"class": "below_target", "action": "review_indicators"}
    },
    {
      "id": "coach-execution",
      "description": "signs in the top half, collects in the bottom half: the article's high signing, low execution",
      "when": {"coverage": ">= 50", "contribution": "\"high\"", "execution": "\"low\""},
      "output": {"class": "high_signing_low_execution", "action": "coach_execution"}
    },
    {
      "id": "develop-signing",
      "description": "collects in the top half, signs in the bottom half",
      "when": {"coverage": ">= 50", "contribution": "\"low\"", "execution": "\"high\""},
      "output": {"class": "low_signing_high_execution", "action": "develop_signing"}
    },
    {
      "id": "performing-other-indicators",
      "description": "signs and collects in the bottom half but scores at least 80 on the other indicators",
      "when": {"coverage": ">= 50", "score": ">= 80", "contribution": "\"low\"", "execution": "\"low\""},
      "output": {"class": "performing", "action": "recognise"}
    },
    {
      "id": "coach-signing-and-execution",
      "description": "signs and collects in the bottom half and scores below 80, but in the top half of the scores: coached, not put on a plan",
      "when": {"coverage": ">= 50", "score": "< 80", "score_half": "\"top\"", "contribution": "\"low\"", "execution": "\"low\""},
      "output": {"class": "low_signing_low_execution", "action": "coach_signing_and_execution"}
    },
    {
      "id": "improvement-plan",
      "description": "signs and collects in the bottom half and scores below 80 and in the bottom half of the scores",
      "when": {"coverage": ">= 50", "score": "< 80", "score_half": "\"bottom\"", "contribution": "\"low\"", "execution": "\"low\""},
      "output": {"class": "low_signing_low_execution", "action": "improvement_plan"}
    }
  ]
})json";

struct AxisInput {
  const char* name;
  RoutingInputType type;
};
constexpr AxisInput kAxes[] = {
    {"coverage", RoutingInputType::number},
    {"score", RoutingInputType::number},
    {"score_half", RoutingInputType::enumeration},
    {"contribution", RoutingInputType::enumeration},
    {"execution", RoutingInputType::enumeration},
};

// The inputs a classification table may read, with their types, and its
// outputs: class and action.
void check_shape(const RoutingTable& t) {
  const RoutingTableDefinition& def = t.definition();
  const std::vector<std::string> outputs = {"class", "action"};
  std::vector<std::string> declared = def.outputs;
  std::sort(declared.begin(), declared.end());
  std::vector<std::string> wanted = outputs;
  std::sort(wanted.begin(), wanted.end());
  if (declared != wanted) raise(Errc::invalid_argument, "report.classification_outputs");
  for (const RoutingInput& in : def.inputs) {
    const RoutingInputType type = in.type == RoutingInputType::attribute ? in.value_type : in.type;
    const auto axis = std::find_if(std::begin(kAxes), std::end(kAxes), [&](const AxisInput& a) { return in.name == a.name; });
    if (axis == std::end(kAxes) || axis->type != type) {
      raise(Errc::invalid_argument, "report.classification_input", {{"input", in.name}});
    }
    if (type == RoutingInputType::enumeration) {
      const std::set<std::string> values(in.values.begin(), in.values.end());
      const std::set<std::string> expected = std::string_view(axis->name) == "score_half" ? std::set<std::string>{"top", "bottom"}
                                                                                            : std::set<std::string>{"high", "low"};
      if (values != expected) raise(Errc::invalid_argument, "report.classification_input", {{"input", in.name}});
    }
  }
}

std::string decimal_text(const Decimal& d) { return d.normalized().to_string(); }

// Standard competition ranks (1, 2, 2, 4), highest first, of the subjects
// at `members` that have a value.
std::map<std::size_t, std::int64_t> ranks_of(const std::vector<std::size_t>& members,
                                             const std::function<std::optional<Ratio>(std::size_t)>& value) {
  std::vector<std::pair<Ratio, std::size_t>> values;
  for (std::size_t i : members) {
    if (auto v = value(i)) values.emplace_back(*v, i);
  }
  std::stable_sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return b.first < a.first; });
  std::map<std::size_t, std::int64_t> out;
  for (std::size_t k = 0; k < values.size(); ++k) {
    const bool tie = k > 0 && values[k].first == values[k - 1].first;
    out[values[k].second] = tie ? out[values[k - 1].second] : static_cast<std::int64_t>(k) + 1;
  }
  return out;
}

}  // namespace

ClassificationTable ClassificationTable::parse(std::string_view json) {
  // A document without the two outputs is refused as such (not for what a
  // routing table would then make of its inputs).
  const auto doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_object()) {
    const auto outputs = doc.find("outputs");
    if (outputs == doc.end() || !outputs->is_array()) raise(Errc::invalid_argument, "report.classification_outputs");
  }
  RoutingTable t = RoutingTable::parse(json);
  check_shape(t);
  return ClassificationTable(std::move(t));
}

ClassificationTable ClassificationTable::default_table() {
  static const ClassificationTable table = parse(kDefaultTable);
  return table;
}

std::string_view default_classification_json() noexcept { return kDefaultTable; }

const std::vector<std::string>& default_class_order() {
  static const std::vector<std::string> order = {"high_contribution_high_performance", "performing",
                                                 "low_signing_high_execution",       "high_signing_low_execution",
                                                 "below_target",                     "low_signing_low_execution"};
  return order;
}

ClassOutcome ClassificationTable::classify(const ClassificationAxes& axes) const {
  RoutingInputs in;
  in.attributes["coverage"] = decimal_text(axes.coverage);
  in.attributes["score"] = decimal_text(axes.score);
  in.attributes["score_half"] = axes.score_top_half ? "top" : "bottom";
  in.attributes["contribution"] = axes.high_contribution ? "high" : "low";
  in.attributes["execution"] = axes.high_execution ? "high" : "low";
  const std::vector<std::size_t> selected = table_.select(in);
  const auto& output = table_.output_of(selected.front());
  return ClassOutcome{output.at("class"), output.at("action"), table_.rule_id(selected.front())};
}

std::vector<ClassifiedEmployee> classify_employees(const ClassificationTable& table,
                                                   const std::vector<ClassificationSubject>& subjects,
                                                   const ClassificationCutoffs& cutoffs) {
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < subjects.size(); ++i) {
    if (subjects[i].score) groups[subjects[i].group].push_back(i);
  }
  std::vector<ClassifiedEmployee> out;
  std::map<std::size_t, ClassifiedEmployee> by_subject;  // in the subjects' order
  for (const auto& [group, members] : groups) {
    const auto n = static_cast<std::int64_t>(members.size());
    const std::int64_t half = (n + 1) / 2;
    const auto score_rank = ranks_of(members, [&](std::size_t i) { return std::optional<Ratio>(Ratio(*subjects[i].score)); });
    const auto signed_rank = ranks_of(members, [&](std::size_t i) { return std::optional<Ratio>(subjects[i].signed_amount); });
    const auto collection_rank = ranks_of(members, [&](std::size_t i) { return subjects[i].collection_ratio; });
    for (std::size_t i : members) {
      const ClassificationSubject& s = subjects[i];
      ClassifiedEmployee e;
      e.employee = s.employee;
      e.group = group;
      e.group_size = n;
      e.axes.coverage = s.coverage;
      e.axes.score = *s.score;
      e.axes.score_top_half = score_rank.at(i) <= half;
      e.axes.high_contribution = cutoffs.signed_amount ? !(s.signed_amount < *cutoffs.signed_amount) : signed_rank.at(i) <= half;
      if (s.collection_ratio) {
        e.axes.high_execution =
            cutoffs.collection ? !(*s.collection_ratio < *cutoffs.collection) : collection_rank.at(i) <= half;
      }
      e.outcome = table.classify(e.axes);
      by_subject.emplace(i, std::move(e));
    }
  }
  for (auto& [i, e] : by_subject) out.push_back(std::move(e));
  return out;
}

std::string classification_tables_json(const std::vector<RoutingTableInfo>& tables) {
  nlohmann::ordered_json doc;
  doc["version"] = 1;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const RoutingTableInfo& t : tables) list.push_back({{"id", t.id}, {"version", t.version}, {"current", t.current}});
  doc["tables"] = std::move(list);
  return doc.dump();
}

}  // namespace pactum
