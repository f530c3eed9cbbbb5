// Bulk import of payments: all-or-nothing and skip modes, idempotency,
// progress and cancellation, hostile files, reports, and the equivalence of
// the bulk path with Database::record_payment.
#include <gtest/gtest.h>

#include <stdexcept>

#include "io/io_support.hpp"
#include "pactum/contract/execution.hpp"
#include "store/database_impl.hpp"
#include "support/dump.hpp"

using namespace pactum;
using pactum::test::cny;
using pactum::test::d;

namespace {

class PaymentImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_path = dir.file("company.db");
    db = std::make_unique<Database>(db_path);
    numbers = test::company_with_contracts(*db, 7);
  }
  std::string file(const std::string& name, const std::string& text) {
    const std::string path = dir.file(name);
    test::write_file(path, text);
    return path;
  }
  // The error of an import expected to fail.
  template <class E = Error>
  E refused(ImportKind kind, const std::string& path, const ImportOptions& options = {}) {
    try {
      db->import_file(kind, path, options);
    } catch (const E& e) {
      return e;
    }
    throw std::runtime_error("the import of " + path + " was not refused");
  }

  test::TempDir dir;
  std::string db_path;
  std::unique_ptr<Database> db;
  std::vector<std::string> numbers;
};

}  // namespace

// Acceptance 1: the 5,000th data row of 10,000 is bad: nothing changes and
// the error names line 5,001, the column and the reason.
TEST_F(PaymentImportTest, ABadRowRefusesTheWholeFileNamingItsLine) {
  const std::string path = file("payments.csv", test::payments_csv(numbers, 10000, 5000));
  const std::string before = test::logical_dump(db_path);
  const ValidationError e = refused<ValidationError>(ImportKind::payments, path);
  EXPECT_EQ(e.code(), Errc::invalid_argument);
  EXPECT_EQ(e.key(), "io.bad_row");
  const std::string message = e.what();
  EXPECT_NE(message.find("line 5001"), std::string::npos) << message;
  EXPECT_NE(message.find("column 'amount'"), std::string::npos) << message;
  EXPECT_NE(message.find("'1,000.00' is not a valid amount"), std::string::npos) << message;
  EXPECT_EQ(test::logical_dump(db_path), before);
}

TEST_F(PaymentImportTest, SkipModeCommitsTheGoodRowsAndReportsTheBadOne) {
  const std::string path = file("payments.csv", test::payments_csv(numbers, 10000, 5000));
  ImportOptions options;
  options.mode = ImportMode::skip;
  const ImportReport r = db->import_file(ImportKind::payments, path, options);
  EXPECT_EQ(r.rows, 10000);
  EXPECT_EQ(r.applied, 9999);
  EXPECT_EQ(r.unchanged, 0);
  EXPECT_EQ(r.skipped, 1);
  EXPECT_TRUE(r.committed);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 5001);
  EXPECT_EQ(r.errors[0].column, "amount");
  EXPECT_EQ(r.errors[0].code, Errc::invalid_argument);
  EXPECT_EQ(r.errors[0].key, "core.bad_amount");
  EXPECT_NE(r.errors[0].message.find("1,000.00"), std::string::npos);
  EXPECT_EQ(test::collected_total(*db), cny("99990.00"));
  EXPECT_EQ(db->last_event_seq(), 7 * 2 + 9999);  // created + activated per contract, then the payments
}

// Acceptance 2: loading the same file twice changes nothing.
TEST_F(PaymentImportTest, LoadingTheSameFileTwiceChangesNothing) {
  const std::string path = file("payments.csv", test::payments_csv(numbers, 10000));
  const ImportReport first = db->import_file(ImportKind::payments, path);
  EXPECT_EQ(first.applied, 10000);
  const Money sum = test::collected_total(*db);
  EXPECT_EQ(sum, cny("100000.00"));
  const std::int64_t seq = db->last_event_seq();
  const std::string dump = test::logical_dump(db_path);

  const ImportReport second = db->import_file(ImportKind::payments, path);
  EXPECT_EQ(second.applied, 0);
  EXPECT_EQ(second.unchanged, 10000);
  EXPECT_EQ(test::collected_total(*db), sum);
  EXPECT_EQ(db->last_event_seq(), seq);
  EXPECT_EQ(test::logical_dump(db_path), dump);
}

TEST_F(PaymentImportTest, ARepeatedPaymentThatSettledItsContractIsStillRecognised) {
  // 1,000,000.00 settles the contract; the repeat would be an over-payment.
  const std::string path = file("settle.csv", "contract,amount,date,ref\n" + numbers[0] + ",1000000.00,2024-02-01,S1\n");
  EXPECT_EQ(db->import_file(ImportKind::payments, path).applied, 1);
  const ImportReport again = db->import_file(ImportKind::payments, path);
  EXPECT_EQ(again.unchanged, 1);
  // The same ref with another amount is a conflict naming the line.
  const std::string other = file("other.csv", "contract,amount,date,ref\n" + numbers[0] + ",5.00,2024-02-01,S1\n");
  const ConflictError e = refused<ConflictError>(ImportKind::payments, other);
  EXPECT_NE(std::string(e.what()).find("line 2, column 'ref'"), std::string::npos) << e.what();
}

// Acceptance 3: cancelling from the progress callback rolls everything back.
TEST_F(PaymentImportTest, CancellingHalfWayRollsEverythingBack) {
  const std::string path = file("payments.csv", test::payments_csv(numbers, 10000));
  const std::string before = test::logical_dump(db_path);
  std::vector<std::pair<std::int64_t, std::int64_t>> calls;
  ImportOptions options;
  options.progress = [&](std::int64_t done, std::int64_t total) {
    calls.emplace_back(done, total);
    return done < 5000;
  };
  const StateError e = refused<StateError>(ImportKind::payments, path, options);
  EXPECT_EQ(e.code(), Errc::cancelled);
  EXPECT_NE(std::string(e.what()).find("5000 of 10000"), std::string::npos) << e.what();
  ASSERT_EQ(calls.size(), 5u);
  EXPECT_EQ(calls.front(), std::make_pair(std::int64_t{1000}, std::int64_t{10000}));
  EXPECT_EQ(calls.back(), std::make_pair(std::int64_t{5000}, std::int64_t{10000}));
  EXPECT_EQ(test::logical_dump(db_path), before);
}

TEST_F(PaymentImportTest, ProgressIsReportedEveryThousandRowsAndAtTheEnd) {
  const std::string path = file("payments.csv", test::payments_csv(numbers, 2500));
  std::vector<std::int64_t> done;
  ImportOptions options;
  options.progress = [&](std::int64_t rows, std::int64_t total) {
    EXPECT_EQ(total, 2500);
    done.push_back(rows);
    return true;
  };
  db->import_file(ImportKind::payments, path, options);
  EXPECT_EQ(done, (std::vector<std::int64_t>{1000, 2000, 2500}));
  // A file of exactly 2,000 rows is not reported twice at the end.
  done.clear();
  options.progress = [&](std::int64_t rows, std::int64_t) {
    done.push_back(rows);
    return true;
  };
  db->import_file(ImportKind::payments, file("two.csv", test::payments_csv(numbers, 2000)), options);
  EXPECT_EQ(done, (std::vector<std::int64_t>{1000, 2000}));
}

TEST_F(PaymentImportTest, AnExceptionFromTheCallbackRollsBackAndPropagatesUnchanged) {
  const std::string path = file("payments.csv", test::payments_csv(numbers, 3000));
  const std::string before = test::logical_dump(db_path);
  ImportOptions options;
  options.progress = [](std::int64_t done, std::int64_t) -> bool {
    if (done >= 2000) throw std::out_of_range("stop here");
    return true;
  };
  EXPECT_THROW(db->import_file(ImportKind::payments, path, options), std::out_of_range);
  EXPECT_EQ(test::logical_dump(db_path), before);
  // The handle is usable afterwards.
  EXPECT_EQ(db->import_file(ImportKind::payments, path).applied, 3000);
}

TEST_F(PaymentImportTest, TheCallbackCannotWriteThroughTheHandle) {
  const std::string path = file("payments.csv", test::payments_csv(numbers, 1000));
  ImportOptions options;
  bool refused_inside = false;
  options.progress = [&](std::int64_t, std::int64_t) {
    try {
      db->advance_to(d("2024-06-01"));
    } catch (const StateError&) {
      refused_inside = true;
    }
    return true;
  };
  db->import_file(ImportKind::payments, path, options);
  EXPECT_TRUE(refused_inside);
  EXPECT_FALSE(db->clock().has_value());
}

// Acceptance 5: hostile CSV.
TEST_F(PaymentImportTest, EmbeddedNewlinesQuotesBomCrlfAndEmptyLinesAreRead) {
  const std::string text = "\xEF\xBB\xBF" "contract,amount,date,ref,actor\r\n" + numbers[0] +
                           ",1.00,2024-02-01,Q1,\"出纳 \"\"王\"\", 财务部\"\r\n\r\n\r\n" + numbers[1] +
                           ",\"2.00\",2024-02-02,Q2,\"two\r\nlines\"\r\n" + numbers[2] + ",3.00,2024-02-03,Q3,\r\n";
  ImportOptions skip;
  skip.mode = ImportMode::skip;
  const ImportReport r = db->import_file(ImportKind::payments, file("hostile.csv", text), skip);
  EXPECT_EQ(r.rows, 3);
  EXPECT_EQ(r.applied, 2);
  const std::vector<Event> e0 = db->events(numbers[0]);
  EXPECT_EQ(e0.back().actor, std::optional<std::string>("出纳 \"王\", 财务部"));
  EXPECT_EQ(e0.back().amount, std::optional<Money>(cny("1.00")));
  // A line break is read as data inside quotes; an actor may not hold one.
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 5);
  EXPECT_EQ(r.errors[0].column, "actor");
  EXPECT_EQ(r.errors[0].key, "org.control_character");
  // The record after the two-line one is read from line 7.
  EXPECT_EQ(db->events(numbers[2]).back().amount, std::optional<Money>(cny("3.00")));
  EXPECT_EQ(db->events(numbers[1]).size(), 2u);  // created, activated: no payment
}

TEST_F(PaymentImportTest, HostileRowsAreRefusedWithTheirLineColumnAndReason) {
  struct Case {
    std::string row;
    std::string line_and_column;
    std::string reason;
  };
  const std::string c = numbers[0];
  const std::vector<Case> cases = {
      {c + ",\"1,000.00\",2024-02-01,H1", "line 2, column 'amount'", "'1,000.00' is not a valid amount"},
      {c + ",1e3,2024-02-01,H1", "line 2, column 'amount'", "'1e3' is not a valid amount"},
      {c + ",-5.00,2024-02-01,H1", "line 2, column 'amount'", "must be positive"},
      {c + ",99999999999999999999,2024-02-01,H1", "line 2, column 'amount'", "out of range"},
      {c + ",1.00001,2024-02-01,H1", "line 2, column 'amount'", "more than 4 decimals"},
      {c + ",1.00,2024-02-30,H1", "line 2, column 'date'", "'2024-02-30' is not a valid date"},
      {c + ",1.00,2024-1-1,H1", "line 2, column 'date'", "not a valid date"},
      {c + ",1.00,2023-12-31,H1", "line 2, column 'date'", "before the signing date"},
      {c + ",1.00,2024-02-01,", "line 2, column 'ref'", "a value is required"},
      {"HT-NOPE,1.00,2024-02-01,H1", "line 2, column 'contract'", "unknown contract HT-NOPE"},
      {c + ",1.00,2024-02-01", "line 2", "expected 4 columns, found 3"},
      {c + ",1.00,2024-02-01,H1,extra", "line 2", "expected 4 columns, found 5"},
      {c + ",1.00,2024-02-01,H\xC3\x28", "line 2, column 'ref'", "not valid UTF-8"},
      {c + ",1.00,2024-02-01,\"H1", "line 2, column 'ref'", "not closed before the end of the file"},
      {c + ",2000000.00,2024-02-01,H1", "line 2, column 'amount'", "exceeds"},
  };
  const std::string before = test::logical_dump(db_path);
  for (const Case& k : cases) {
    const std::string path = file("hostile.csv", "contract,amount,date,ref\n" + k.row + "\n");
    try {
      db->import_file(ImportKind::payments, path);
      ADD_FAILURE() << "accepted: " << k.row;
    } catch (const Error& e) {
      const std::string message = e.what();
      EXPECT_EQ(message.rfind(k.line_and_column, 0), 0u) << message;
      EXPECT_NE(message.find(k.reason), std::string::npos) << message;
      EXPECT_NE(e.code(), Errc::internal) << message;
    }
  }
  EXPECT_EQ(test::logical_dump(db_path), before);
}

TEST_F(PaymentImportTest, ALineLongerThanTheDocumentedLimitIsRefused) {
  const std::string long_ref(std::size_t{1048576} + 10, 'R');
  const std::string path = file("long.csv", "contract,amount,date,ref\n" + numbers[0] + ",1.00,2024-02-01," + long_ref +
                                                "\n" + numbers[0] + ",1.00,2024-02-01,OK\n");
  const ValidationError e = refused<ValidationError>(ImportKind::payments, path);
  EXPECT_NE(std::string(e.what()).find("line 2: the record is longer than 1048576 bytes"), std::string::npos) << e.what();
  ImportOptions skip;
  skip.mode = ImportMode::skip;
  const ImportReport r = db->import_file(ImportKind::payments, path, skip);
  EXPECT_EQ(r.applied, 1);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 2);
  EXPECT_EQ(r.errors[0].key, "io.record_too_long");
}

TEST_F(PaymentImportTest, HeaderProblemsAreRefusedBeforeAnythingIsWritten) {
  const std::string before = test::logical_dump(db_path);
  auto key_of = [&](const std::string& header) {
    try {
      db->import_file(ImportKind::payments, file("h.csv", header + "\n" + numbers[0] + ",1.00,2024-02-01,X\n"));
    } catch (const ValidationError& e) {
      return e.key() + " | " + e.what();
    }
    return std::string("accepted");
  };
  EXPECT_NE(key_of("contract,amount,date,reference").find("io.unknown_column | line 1 (the header): unknown column 'reference'"),
            std::string::npos);
  EXPECT_NE(key_of("contract,amount,date,ref,ref").find("appears twice"), std::string::npos);
  EXPECT_EQ(key_of("contract,amount,date,source").rfind("io.missing_column", 0), 0u);
  EXPECT_EQ(test::logical_dump(db_path), before);
  // A kind, format or file the import cannot use.
  EXPECT_THROW(db->import_file(ImportKind::payments, dir.file("missing.csv")), NotFoundError);
  EXPECT_THROW(db->import_file(ImportKind::payments, file("p.txt", "x")), ValidationError);
  EXPECT_THROW(db->import_file(ImportKind::payments, dir.path().string()), ValidationError);
  EXPECT_THROW(db->import_file(ImportKind::payments, file("empty.csv", "")), ValidationError);
  EXPECT_THROW(db->import_file(static_cast<ImportKind>(42), file("p.csv", "x\n")), ValidationError);
}

TEST_F(PaymentImportTest, OptionalColumnsCurrencySourceAndActor) {
  const std::string path = file("p.csv",
                                "contract,amount,date,ref,currency,source,actor\n" + numbers[0] +
                                    ",10.00,2024-02-01,B1,CNY,bank-feed,出纳\n" + numbers[0] + ",10.00,2024-02-01,B1,,,\n");
  const ImportReport r = db->import_file(ImportKind::payments, path);
  EXPECT_EQ(r.applied, 2);  // the same ref in another source is another payment
  const std::vector<Event> events = db->events(numbers[0]);
  EXPECT_EQ(events[2].source, "bank-feed");
  EXPECT_EQ(events[2].actor, std::optional<std::string>("出纳"));
  EXPECT_EQ(events[3].source, "finance");
  const std::string usd = file("usd.csv", "contract,amount,date,ref,currency\n" + numbers[0] + ",10.00,2024-02-01,U1,USD\n");
  const Error e = refused(ImportKind::payments, usd);
  EXPECT_EQ(e.code(), Errc::currency_mismatch);
  EXPECT_NE(std::string(e.what()).find("column 'currency'"), std::string::npos) << e.what();
  const std::string bad = file("bad.csv", "contract,amount,date,ref,currency\n" + numbers[0] + ",10.00,2024-02-01,U1,XYZ\n");
  EXPECT_NE(std::string(refused(ImportKind::payments, bad).what()).find("column 'currency'"), std::string::npos);
}

TEST_F(PaymentImportTest, JsonLinesPaymentsAndTheirRefusals) {
  const std::string c = numbers[0];
  const std::string path = file("p.jsonl", "{\"contract\":\"" + c +
                                               "\",\"amount\":\"10.00\",\"date\":\"2024-02-01\",\"ref\":\"J1\"}\n\n"
                                               "{\"contract\":\"" + c +
                                               "\",\"amount\":\"5.50\",\"date\":\"2024-02-02\",\"ref\":\"J2\",\"source\":null}\n");
  const ImportReport r = db->import_file(ImportKind::payments, path);
  EXPECT_EQ(r.format, ImportFormat::jsonl);
  EXPECT_EQ(r.applied, 2);
  EXPECT_EQ(db->contract(c).collected, cny("15.50"));
  auto reason = [&](const std::string& line) {
    try {
      db->import_file(ImportKind::payments, file("bad.jsonl", "\n" + line + "\n"));
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(reason("{\"contract\":\"" + c + "\",\"amount\":1000,\"date\":\"2024-02-01\",\"ref\":\"J3\"}"),
            "line 2, column 'amount': an amount is a decimal string such as \"1000.00\", not the JSON number 1000");
  EXPECT_EQ(reason("{\"contract\":\"" + c + "\",\"amount\":\"1e3\",\"date\":\"2024-02-01\",\"ref\":\"J3\"}"),
            "line 2, column 'amount': '1e3' is not a valid amount (plain decimal such as 1000.00)");
  EXPECT_EQ(reason("{\"contract\":\"" + c + "\",\"amount\":\"1.00\",\"date\":\"2024-02-01\",\"ref\":7}"),
            "line 2, column 'ref': 'ref' must be a string, got 7");
  EXPECT_EQ(reason("{\"contract\":\"" + c + "\",\"amount\":\"1.00\",\"date\":\"2024-02-01\",\"ref\":\"J3\",\"memo\":\"x\"}")
                .rfind("line 2, column 'memo': unknown key 'memo'", 0),
            0u);
  EXPECT_EQ(reason("{\"contract\":\"" + c + "\",\"amount\":\"1.00\",\"date\":\"2024-02-01\"}"),
            "line 2, column 'ref': a value is required");
  EXPECT_EQ(reason("[1]"), "line 2: a line must hold one JSON object");
  EXPECT_EQ(db->contract(c).collected, cny("15.50"));
}

TEST_F(PaymentImportTest, MessagesFollowTheHandleLanguage) {
  db->set_lang(Lang::zh_CN);
  const std::string path = file("payments.csv", test::payments_csv(numbers, 20, 12));
  const ValidationError e = refused<ValidationError>(ImportKind::payments, path);
  EXPECT_EQ(std::string(e.what()), "第 13 行,“amount”列:“1,000.00”不是有效金额(应为 1000.00 这样的普通小数)");
  EXPECT_EQ(e.message(Lang::en).rfind("line 13, column 'amount': ", 0), 0u);
  ImportOptions skip;
  skip.mode = ImportMode::skip;
  const ImportReport r = db->import_file(ImportKind::payments, path, skip);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message, "“1,000.00”不是有效金额(应为 1000.00 这样的普通小数)");
}

TEST_F(PaymentImportTest, TheReportIsWrittenAsJsonOrCsv) {
  const std::string path = file("payments.csv", test::payments_csv(numbers, 30, 7, "1e3"));
  ImportOptions options;
  options.mode = ImportMode::skip;
  options.report_path = dir.file("report.json");
  const ImportReport r = db->import_file(ImportKind::payments, path, options);
  EXPECT_EQ(test::read_file(dir.file("report.json")), json::to_json(r) + "\n");
  EXPECT_NE(test::read_file(dir.file("report.json")).find("\"line\":8"), std::string::npos);

  options.report_path = dir.file("report.csv");
  db->import_file(ImportKind::payments, path, options);
  EXPECT_EQ(test::read_file(dir.file("report.csv")),
            "line,column,code,error,message\r\n8,amount,-1,PACTUM_EINVALID,'1e3' is not a valid amount (plain decimal "
            "such as 1000.00)\r\n");

  // All-or-nothing: the refusal is reported too, with nothing committed.
  const std::string bad = file("bad.csv", test::payments_csv(numbers, 30, 9));
  ImportOptions all;
  all.report_path = dir.file("refused.json");
  EXPECT_THROW(db->import_file(ImportKind::payments, bad, all), ValidationError);
  const std::string report = test::read_file(dir.file("refused.json"));
  EXPECT_NE(report.find("\"committed\":false"), std::string::npos) << report;
  EXPECT_NE(report.find("\"line\":10"), std::string::npos) << report;
}

TEST_F(PaymentImportTest, InsideTheCallersTransactionTheImportIsASavepoint) {
  const std::string before = test::logical_dump(db_path);
  {
    auto tx = db->transaction();
    db->import_file(ImportKind::payments, file("p.csv", test::payments_csv(numbers, 50)));
    EXPECT_EQ(test::collected_total(*db), cny("500.00"));
    // A refused file inside the transaction leaves the earlier import alone.
    EXPECT_THROW(db->import_file(ImportKind::payments, file("q.csv", test::payments_csv(numbers, 50, 3))), ValidationError);
    EXPECT_EQ(test::collected_total(*db), cny("500.00"));
    tx.rollback();
  }
  EXPECT_EQ(test::logical_dump(db_path), before);
}

// The bulk path checks and records what record_payment would.
TEST_F(PaymentImportTest, ImportedPaymentsEqualThoseOfRecordPayment) {
  Database other(dir.file("other.db"));
  const std::vector<std::string> other_numbers = test::company_with_contracts(other, 7);
  ASSERT_EQ(other_numbers, numbers);
  // Amounts that run three contracts into over-payment part way.
  std::string text = "contract,amount,date,ref,source\n";
  struct Payment {
    std::string contract;
    std::string amount;
    std::string date;
    std::string ref;
    std::string source;
  };
  std::vector<Payment> payments;
  for (int i = 0; i < 60; ++i) {
    const std::string amount = i % 3 == 0 ? "300000.00" : i % 3 == 1 ? "0.0001" : "12345.67";
    std::string ref = "R";
    ref.append(std::to_string(i % 50));
    payments.push_back({numbers[static_cast<std::size_t>(i) % 3], amount, i % 2 == 0 ? "2024-02-01" : "2024-01-09", ref,
                        i % 4 == 0 ? "bank" : "finance"});
  }
  for (const Payment& p : payments) {
    for (const std::string* part : {&p.contract, &p.amount, &p.date, &p.ref}) text.append(*part).append(",");
    text.append(p.source).append("\n");
  }
  ImportOptions skip;
  skip.mode = ImportMode::skip;
  const ImportReport r = db->import_file(ImportKind::payments, file("mixed.csv", text), skip);
  std::vector<std::pair<std::int64_t, std::string>> refusals;
  for (const ImportRowError& e : r.errors) refusals.emplace_back(e.line, e.key);
  std::vector<std::pair<std::int64_t, std::string>> expected;
  std::int64_t line = 1;
  for (const Payment& p : payments) {
    ++line;
    try {
      other.record_payment(p.contract, Money::parse(p.amount, "CNY"), Date::parse(p.date), p.ref, p.source);
    } catch (const Error& e) {
      expected.emplace_back(line, e.key());
    }
  }
  EXPECT_EQ(refusals, expected);
  EXPECT_FALSE(expected.empty());
  for (const std::string& n : numbers) {
    EXPECT_EQ(db->contract(n).collected, other.contract(n).collected) << n;
    auto a = db->events(n);
    auto b = other.events(n);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      a[i].recorded_at.clear();
      b[i].recorded_at.clear();
      EXPECT_EQ(a[i], b[i]) << n << " event " << i;
    }
  }
}

// An import runs with a 64 MiB page cache and gives the connection its own
// setting back, whatever happens.
TEST_F(PaymentImportTest, TheBulkPageCacheIsRaisedForTheImportOnly) {
  auto cache_size = [&] { return db->impl().db.execAndGet("PRAGMA cache_size").getInt64(); };
  const std::int64_t before = cache_size();
  std::int64_t during = 0;
  ImportOptions options;
  options.progress = [&](std::int64_t, std::int64_t) {
    during = cache_size();
    return true;
  };
  db->import_file(ImportKind::payments, file("p.csv", test::payments_csv(numbers, 10)), options);
  EXPECT_EQ(during, -65536);
  EXPECT_EQ(cache_size(), before);
  EXPECT_THROW(db->import_file(ImportKind::payments, file("q.csv", test::payments_csv(numbers, 10, 5))), ValidationError);
  EXPECT_EQ(cache_size(), before);
  // A larger cache of the host's is left alone.
  db->impl().db.exec("PRAGMA cache_size = -131072");
  db->import_file(ImportKind::payments, file("p.csv", test::payments_csv(numbers, 10)), options);
  EXPECT_EQ(during, -131072);
  EXPECT_EQ(cache_size(), -131072);
}
