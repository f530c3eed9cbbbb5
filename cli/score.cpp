// `pactum score`: a person's scorecard (--db FILE).
//   score EMPLOYEE [--period P] [--as-of DATE] [--explain] [--format text|json]
// The period defaults to the quarter of the as-of date, the as-of date to
// the database clock.
#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "pactum/store/database.hpp"
#include "pactum/core/display.hpp"

namespace pactum::cli {

namespace {

[[noreturn]] void usage(const Invocation& inv) { throw UsageError{inv.text("cli.score_usage")}; }

// The first `limit` items, and how many more there are.
std::string joined(const Invocation& inv, const std::vector<std::string>& items, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < limit; ++i) {
    if (!out.empty()) out += ", ";
    out += items[i];
  }
  if (items.size() > limit) {
    out += " ";
    out += inv.text("cli.score_more_contracts", {{"count", std::to_string(items.size() - limit)},
                                                  {"total", std::to_string(items.size())}});
  }
  return out;
}

std::string signed_text(const Decimal& d) {
  const std::string text = d.to_string();
  if (d.is_negative()) return text;
  std::string out(1, '+');
  out.append(text);
  return out;
}

std::string ratio_text(const std::optional<Ratio>& r, bool money, Currency currency) {
  if (!r) return "-";
  return money ? display::money(*r, currency).to_string() : display::rate(*r).to_string();
}

void print_text(const Invocation& inv, const Scorecard& c, bool explain, std::size_t limit) {
  std::ostream& out = *inv.out;
  out << inv.text("cli.score_head", {{"employee", c.employee},
                                     {"position", c.position.value_or("-")},
                                     {"period", c.period.to_string()},
                                     {"start", c.period.start().to_string()},
                                     {"end", c.period.end().to_string()},
                                     {"as_of", c.as_of.to_string()}})
      << "\n";
  if (!c.scored()) {
    out << inv.text("cli.score_no_template", {{"position", c.position.value_or("-")}}) << "\n";
    return;
  }
  out << inv.text("cli.score_template",
                  {{"template", *c.template_id}, {"version", std::to_string(*c.template_version)}})
      << "\n";
  for (const IndicatorScore& s : c.indicators) {
    const bool money = is_money_metric(s.metric);
    const MessageArgs args = {{"name", s.name},
                              {"points", s.points.to_string()},
                              {"weight", s.weight.normalized().to_string()},
                              {"value", s.value_text(c.currency)}};
    out << "  " << inv.text(s.no_data ? "cli.score_indicator_no_data" : "cli.score_indicator", args) << "\n";
    if (explain) {
      out << "    "
          << inv.text("cli.score_indicator_detail",
                      {{"metric", kpi_metric_name(s.metric)},
                       {"scope", kpi_scope_name(s.scope)},
                       {"normalisation", normalisation_name(s.normalisation)},
                       {"target", ratio_text(s.target, money, c.currency)},
                       {"contracts", s.contracts.empty() ? "-" : joined(inv, s.contracts, limit)}})
          << "\n";
    }
  }
  // How the indicators make the total: their points over the covered
  // weight, scaled to 100 under `reweight`.
  const std::string coverage = c.coverage.normalized().to_string();
  const MessageArgs cover = {{"points", c.indicator_points->to_string()},
                             {"coverage", coverage},
                             {"scaled", c.scaled_points->to_string()}};
  const char* cover_key = c.coverage == Decimal(100)          ? "cli.score_coverage_full"
                          : c.coverage.is_zero()               ? "cli.score_coverage_none"
                          : c.no_data == NoDataPolicy::zero    ? "cli.score_coverage_zero"
                                                               : "cli.score_coverage_reweighted";
  out << "  " << inv.text(cover_key, cover) << "\n";
  for (RuleKind kind : all_rule_kinds()) {
    bool any = false;
    for (const RuleHit& h : c.rules) any = any || h.rule == kind;
    if (!any) continue;
    out << "  " << inv.text("cli.score_rule", {{"rule", rule_kind_name(kind)}, {"points", signed_text(c.rule_points(kind))}})
        << "\n";
    if (!explain) continue;
    std::size_t listed = 0;
    std::size_t hidden = 0;
    for (const RuleHit& h : c.rules) {
      if (h.rule != kind) continue;
      if (h.kind != RuleHitKind::cap && listed == limit) {
        ++hidden;
        continue;
      }
      if (h.kind != RuleHitKind::cap) ++listed;
      if (h.kind == RuleHitKind::cap && hidden > 0) {
        out << "    " << inv.text("cli.score_more_hits", {{"count", std::to_string(hidden)}}) << "\n";
        hidden = 0;
      }
      MessageArgs args = {{"kind", rule_hit_kind_name(h.kind)},
                          {"points", signed_text(h.points)},
                          {"contract", h.contract.value_or("-")},
                          {"event", h.event ? std::to_string(*h.event) : "-"},
                          {"date", h.date ? h.date->to_string() : "-"}};
      const char* key = h.kind == RuleHitKind::cap                    ? "cli.score_rule_cap"
                        : h.installment                            ? "cli.score_rule_installment"
                        : h.trigger == BreachTrigger::overdue      ? "cli.score_rule_breach_overdue"
                        : h.trigger == BreachTrigger::quality      ? "cli.score_rule_breach_quality"
                                                                   : "cli.score_rule_hit";
      if (h.installment) args.push_back({"installment", std::to_string(*h.installment)});
      out << "    " << inv.text(key, args) << "\n";
    }
    if (hidden > 0) out << "    " << inv.text("cli.score_more_hits", {{"count", std::to_string(hidden)}}) << "\n";
  }
  const Decimal rules = c.rule_total.value_or(Decimal());
  out << inv.text("cli.score_total", {{"total", c.total->to_string()},
                                      {"total_10", c.total_10->to_string()},
                                      {"indicators", c.scaled_points.value_or(Decimal()).to_string()},
                                      {"rules", signed_text(rules)}})
      << "\n";
  if (c.closed) {
    out << inv.text("cli.score_closed",
                    {{"seq", std::to_string(*c.closed_seq)}, {"count", std::to_string(c.post_close.size())}})
        << "\n";
    if (explain) {
      for (const PostCloseEvent& e : c.post_close) {
        out << "  "
            << inv.text("cli.score_post_close", {{"seq", std::to_string(e.seq)},
                                                  {"type", event_type_name(e.type)},
                                                  {"contract", e.contract},
                                                  {"effective", e.effective.to_string()}})
            << "\n";
      }
    }
  }
}

}  // namespace

void print_scorecard(const Invocation& inv, const Scorecard& card, bool explain, std::size_t detail_limit) {
  print_text(inv, card, explain, detail_limit);
}

std::string bonus_reason_text(const Invocation& inv, const BonusDecision& d) {
  const Decimal percent = d.rate * Decimal(100);
  std::string shown = signed_text(percent.normalized());
  shown.push_back('%');
  return inv.text(std::string("cli.score_bonus_") + bonus_reason_name(d.reason),
                  {{"score", d.score ? d.score->to_string() : std::string("-")},
                   {"percent", shown},
                   {"coverage", d.coverage.normalized().to_string()},
                   {"min_coverage", d.min_coverage.normalized().to_string()}});
}

int run_score(Invocation& inv) {
  const auto period_text = take_option(inv.args, "period");
  const auto as_of_text = take_option(inv.args, "as-of");
  const std::string format = take_option(inv.args, "format").value_or("text");
  const bool explain = take_flag(inv.args, "explain");
  const auto bonus = take_option(inv.args, "bonus");
  refuse_unknown_options(inv, inv.args);
  if (inv.args.empty()) usage(inv);
  if (inv.args.size() > 1) throw UsageError{inv.text("cli.unexpected_argument", {{"argument", inv.args[1]}})};
  if (format != "text" && format != "json") throw UsageError{inv.text("cli.score_bad_format", {{"format", format}})};
  const std::optional<Date> as_of = as_of_text ? std::optional<Date>(Date::parse(*as_of_text)) : std::nullopt;
  const std::optional<Period> given = period_text ? std::optional<Period>(Period::parse(*period_text)) : std::nullopt;
  Database db = open_existing_database(inv, "cli.score_needs_db", "cli.score_no_database");
  const Date day = as_of ? *as_of : db.today();
  const Period period = given ? *given : Period::quarter_of(day);
  const Scorecard card = db.scorecard(inv.args[0], period, day);
  std::optional<BonusDecision> decision;
  // The base bonus is money of the payroll: rounded to the minor unit, and
  // the adjustment is computed on the base as shown.
  const std::optional<Money> base =
      bonus ? std::optional<Money>(Money::parse(*bonus, db.reporting_currency()).rounded_to_minor()) : std::nullopt;
  if (base) decision = db.bonus_decision(inv.args[0], period, *base, day);
  if (format == "json") {
    // One document: the scorecard, with the bonus decision as its "bonus" member.
    std::string doc = card.to_json();
    if (decision) doc.insert(doc.size() - 1, ",\"bonus\":" + bonus_decision_to_json(*decision, inv.args[0], period));
    *inv.out << doc << "\n";
    return kExitOk;
  }
  print_text(inv, card, explain, static_cast<std::size_t>(-1));
  if (decision) {
    const std::string currency(decision->adjustment.currency().code());
    *inv.out << inv.text("cli.score_bonus",
                         {{"base", base->to_string()},
                          {"currency", currency},
                          {"adjustment", decision->adjustment.to_string()},
                          {"reason", bonus_reason_text(inv, *decision)}})
             << "\n";
  }
  return kExitOk;
}

}  // namespace pactum::cli
