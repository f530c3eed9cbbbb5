// The storage interface's conformance suite, the records of kpi
// (src/store/backend_kpi.hpp, KpiRecords).
#include "conformance.hpp"

#include <limits>

#include "kpi/incremental.hpp"

using namespace pactum;
using conformance::StorageConformance;
using conformance::day;
using conformance::event_of;

namespace {

class KpiRecordsConformance : public StorageConformance {
 protected:
  store::KpiRecords& records(int h = 0) { return s(h).kpi(); }
};

// A read limit past every event: settings written at any time.
constexpr std::int64_t kAll = std::numeric_limits<std::int64_t>::max();

}  // namespace

TEST_P(KpiRecordsConformance, TemplateVersionsAndTheOnesWrittenBeforeAnEvent) {
  store::KpiRecords& r = records();
  s().begin();
  EXPECT_FALSE(r.template_exists("conf-sales"));
  EXPECT_FALSE(r.latest_template_version("conf-sales").has_value());
  const auto empty = r.templates_fingerprint();
  r.insert_template("conf-sales", 1, R"({"id":"conf-sales","version":1})", 10);
  r.insert_template("conf-sales", 2, R"({"id":"conf-sales","version":2})", 20);
  r.insert_template("conf-rd", 1, R"({"id":"conf-rd","version":1})", 15);
  EXPECT_TRUE(r.template_exists("conf-sales"));
  EXPECT_EQ(r.latest_template_version("conf-sales"), 2);
  EXPECT_EQ(r.template_document("conf-sales", std::nullopt), R"({"id":"conf-sales","version":2})");
  EXPECT_EQ(r.template_document("conf-sales", 1), R"({"id":"conf-sales","version":1})");
  EXPECT_FALSE(r.template_document("conf-sales", 3).has_value());
  // Written before event 20: version 1 only; before 21: version 2.
  EXPECT_EQ(r.template_document_before("conf-sales", 20), R"({"id":"conf-sales","version":1})");
  EXPECT_EQ(r.template_document_before("conf-sales", 21), R"({"id":"conf-sales","version":2})");
  EXPECT_FALSE(r.template_document_before("conf-sales", 10).has_value());
  // Every version by id then version (the library's own templates too).
  std::vector<std::string> mine;
  for (const std::string& d : r.template_documents()) {
    if (d.find("conf-") != std::string::npos) mine.push_back(d);
  }
  EXPECT_EQ(mine, (std::vector<std::string>{R"({"id":"conf-rd","version":1})", R"({"id":"conf-sales","version":1})",
                                            R"({"id":"conf-sales","version":2})"}));
  const auto three = r.templates_fingerprint();
  EXPECT_EQ(three.count, empty.count + 3);
  EXPECT_EQ(three.version_sum, empty.version_sum + 4);
  EXPECT_EQ(three.last_since_seq, std::max<std::int64_t>(empty.last_since_seq, 20));
  EXPECT_NE(three, empty);
  s().commit();

  s().begin();
  r.insert_template("conf-sales", 3, "{}", 30);
  EXPECT_NE(r.templates_fingerprint(), three);  // moves with every new version
  s().rollback();
  s().begin();
  EXPECT_EQ(r.templates_fingerprint(), three);
  EXPECT_EQ(r.latest_template_version("conf-sales"), 2);
  s().commit();
}

TEST_P(KpiRecordsConformance, BindingsKeepTheirHistory) {
  store::KpiRecords& r = records();
  s().begin();
  EXPECT_FALSE(r.binding("conf-sales", kAll).has_value());
  r.insert_binding("conf-sales", std::string("conf-v"), 5);
  r.insert_binding("conf-sales", std::string("conf-w"), 5);  // same seq: the later write wins
  r.insert_binding("conf-sales", std::nullopt, 9);            // unbound from 9
  EXPECT_EQ(r.binding("conf-sales", 5), std::nullopt);
  EXPECT_EQ(r.binding("conf-sales", 6), "conf-w");
  EXPECT_EQ(r.binding("conf-sales", 9), "conf-w");
  EXPECT_EQ(r.binding("conf-sales", 10), std::nullopt);
  r.insert_binding("conf-sales", std::string("conf-x"), 12);
  EXPECT_EQ(r.binding("conf-sales", kAll), "conf-x");
  EXPECT_FALSE(r.binding("conf-rd", kAll).has_value());
  s().commit();
}

TEST_P(KpiRecordsConformance, TargetsAndRuleSettingsByExactKey) {
  store::KpiRecords& r = records();
  s().begin();
  r.insert_target({"collection_rate", true, "E1", "2024-03", Decimal::parse("0.95"), std::nullopt}, 3);
  r.insert_target({"signed_amount", false, "sales", "", Decimal::parse("1000000.00"), PeriodKind::month}, 3);
  r.insert_target({"signed_amount", false, "sales", "", Decimal::parse("1200000"), PeriodKind::quarter}, 7);
  const auto mine = r.target(true, "E1", "collection_rate", "2024-03", 100);
  ASSERT_TRUE(mine.has_value());
  EXPECT_EQ(mine->value, Decimal::parse("0.95"));
  EXPECT_FALSE(mine->per.has_value());
  EXPECT_TRUE(mine->for_employee);
  EXPECT_EQ(mine->subject, "E1");
  // Exactly that key: not another period, scope or subject.
  EXPECT_FALSE(r.target(true, "E1", "collection_rate", "", 100).has_value());
  EXPECT_FALSE(r.target(false, "E1", "collection_rate", "2024-03", 100).has_value());
  EXPECT_FALSE(r.target(true, "E2", "collection_rate", "2024-03", 100).has_value());
  const auto before = r.target(false, "sales", "signed_amount", "", 7);
  ASSERT_TRUE(before.has_value());
  EXPECT_EQ(before->value, Decimal::parse("1000000"));
  EXPECT_EQ(before->per, PeriodKind::month);
  EXPECT_EQ(r.target(false, "sales", "signed_amount", "", 8)->per, PeriodKind::quarter);

  r.insert_rule_setting({"", RuleKind::breach, true, Decimal::parse("-5"), Decimal::parse("-20")}, 2);
  r.insert_rule_setting({"sales", RuleKind::breach, false, Decimal::parse("-3"), std::nullopt}, 4);
  const auto all = r.rule_setting("", RuleKind::breach, 100);
  ASSERT_TRUE(all.has_value());
  EXPECT_TRUE(all->enabled);
  EXPECT_EQ(all->points, Decimal::parse("-5"));
  EXPECT_EQ(all->cap, Decimal::parse("-20"));
  const auto own = r.rule_setting("sales", RuleKind::breach, 100);
  ASSERT_TRUE(own.has_value());
  EXPECT_FALSE(own->enabled);
  EXPECT_FALSE(own->cap.has_value());
  EXPECT_FALSE(r.rule_setting("sales", RuleKind::breach, 4).has_value());
  s().commit();
}

TEST_P(KpiRecordsConformance, PayrollLinksAndPeriodCloses) {
  store::KpiRecords& r = records();
  s().begin();
  r.insert_payroll_link("", R"({"bands":[]})", 1);
  r.insert_payroll_link("sales", R"({"bands":[1]})", 2);
  r.insert_payroll_link("sales", R"({"bands":[2]})", 2);
  EXPECT_EQ(r.payroll_link_document("", 100), R"({"bands":[]})");
  EXPECT_EQ(r.payroll_link_document("sales", 100), R"({"bands":[2]})");
  EXPECT_FALSE(r.payroll_link_document("sales", 2).has_value());
  EXPECT_FALSE(r.payroll_link_document("rd", 100).has_value());

  // A close names its event.
  store::NewEvent close;
  close.type = EventType::period_closed;
  close.effective = day("2024-04-02");
  close.payload = R"({"period":"2024-03"})";
  const std::int64_t first = *s().append_event(close, "2024-04-02T09:00:00Z");
  const std::int64_t second = *s().append_event(close, "2024-04-09T09:00:00Z");
  EXPECT_FALSE(r.period_closed_seq("2024-03").has_value());
  r.store_period_close("2024-03", first);
  EXPECT_EQ(r.period_closed_seq("2024-03"), first);
  r.clear_period_close("2024-03");
  EXPECT_FALSE(r.period_closed_seq("2024-03").has_value());
  r.store_period_close("2024-03", second);  // closed again after the reopen
  EXPECT_EQ(r.period_closed_seq("2024-03"), second);
  EXPECT_FALSE(r.period_closed_seq("2024-04").has_value());
  s().commit();
  EXPECT_EQ(s(1).kpi().period_closed_seq("2024-03"), second);  // another handle sees it
}

TEST_P(KpiRecordsConformance, PeriodEventsAreListedInOrder) {
  s().begin();
  store::NewEvent close;
  close.type = EventType::period_closed;
  close.effective = day("2024-04-02");
  close.payload = R"({"period":"2024-03"})";
  const auto first = s().append_event(close, "2024-04-02T09:00:00Z");
  store::NewEvent other;
  other.type = EventType::clock_advanced;
  other.effective = day("2024-04-03");
  s().append_event(other, "2024-04-03T09:00:00Z");
  store::NewEvent reopen = close;
  reopen.type = EventType::period_reopened;
  reopen.reason = "补录回款";
  const auto second = s().append_event(reopen, "2024-04-04T09:00:00Z");
  ASSERT_TRUE(first && second);
  const std::vector<std::int64_t> seqs = records().period_event_seqs();
  const std::vector<std::int64_t> expected{*first, *second};
  EXPECT_EQ(std::vector<std::int64_t>(seqs.end() - std::min<std::ptrdiff_t>(2, seqs.size()), seqs.end()), expected);
  s().commit();
}

TEST_P(KpiRecordsConformance, PositionGroups) {
  store::KpiRecords& r = records();
  s().begin();
  EXPECT_FALSE(r.position_group("sales").has_value());
  r.store_position_group("sales", std::string("front"));
  r.store_position_group("key_account", std::string("front"));
  r.store_position_group("sales", std::string("field"));  // moved
  EXPECT_EQ(r.position_group("sales"), "field");
  EXPECT_EQ(r.position_groups(), (std::map<std::string, std::string>{{"key_account", "front"}, {"sales", "field"}}));
  r.store_position_group("sales", std::nullopt);  // out of any group
  EXPECT_FALSE(r.position_group("sales").has_value());
  EXPECT_EQ(r.position_groups().size(), 1u);
  s().commit();
}

TEST_P(KpiRecordsConformance, TheEngineReadsTheLogAndTheTermsAlongIt) {
  const std::int64_t first = backend_->contract("CNY");
  const std::int64_t second = backend_->contract("USD");
  store::KpiRecords& r = records();
  s().begin();
  EXPECT_GE(r.last_contract_id(), second);
  EXPECT_EQ(r.contract_number(first), backend_->number_of(first));
  EXPECT_FALSE(r.contract_number(second + 1000).has_value());
  std::vector<std::int64_t> created;
  std::vector<std::int64_t> seqs;
  std::int64_t last = 0;
  r.scan_engine_log(0, s().last_event_seq(), [&](const store::EngineLogRow& row, store::EngineTermsReader& terms) {
    EXPECT_GT(row.seq, last);  // in sequence order
    last = row.seq;
    seqs.push_back(row.seq);
    if (row.type == EventType::created) {
      const auto t = terms.terms(row.contract);
      ASSERT_NE(t, nullptr);
      EXPECT_EQ(t->id, row.contract);
      EXPECT_EQ(t->signer, "E1");
      EXPECT_EQ(t->amount, Money::parse("1000.00", std::string(t->currency.code())).units());
      created.push_back(row.contract);
    }
    EXPECT_EQ(terms.currency(second), Currency::of("USD"));
    EXPECT_FALSE(terms.currency(second + 1000).has_value());
    EXPECT_EQ(terms.terms(second + 1000), nullptr);
  });
  EXPECT_EQ(created, (std::vector<std::int64_t>{first, second}));
  // A window of the log: after the first event, up to the last but one.
  ASSERT_GE(seqs.size(), 2u);
  std::vector<std::int64_t> window;
  r.scan_engine_log(seqs.front(), seqs[seqs.size() - 2],
                    [&](const store::EngineLogRow& row, store::EngineTermsReader&) { window.push_back(row.seq); });
  EXPECT_EQ(window, std::vector<std::int64_t>(seqs.begin() + 1, seqs.end() - 1));
  s().commit();
}

TEST_P(KpiRecordsConformance, TheReferenceEvaluatorsContractsInScope) {
  const std::int64_t id = backend_->contract("CNY");  // signed 2024-02-01 by E1, a draft
  store::KpiRecords& r = records();
  s().begin();
  // A draft is not active: never in scope.
  EXPECT_TRUE(r.contracts_in_scope({"E1", day("2024-01-01"), day("2024-03-31"), day("2024-01-01"), day("2023-12-01")}).empty());
  s().commit();
  backend_->activate(id);
  s().begin();
  EXPECT_EQ(r.contracts_in_scope({"E1", day("2024-01-01"), day("2024-03-31"), day("2024-01-01"), day("2023-12-01")}),
            std::vector<std::int64_t>{id});
  EXPECT_TRUE(r.contracts_in_scope({"E2", day("2024-01-01"), day("2024-03-31"), day("2024-01-01"), day("2023-12-01")}).empty());
  s().commit();
}

PACTUM_CONFORMANCE_SUITE(KpiRecordsConformance);
