// Bulk import of every kind but payments: departments, employees, contracts
// (instalments, attributes, activation), reversals, deliveries and
// satisfaction scores, from CSV and JSON Lines; natural keys make a repeated
// file a no-op and other content a conflict naming the line.
#include <gtest/gtest.h>

#include <stdexcept>

#include "io/io_support.hpp"
#include "pactum/contract/execution.hpp"
#include "support/dump.hpp"

using namespace pactum;
using pactum::test::cny;
using pactum::test::d;

namespace {

class KindImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_path = dir.file("company.db");
    db = std::make_unique<Database>(db_path);
  }
  std::string file(const std::string& name, const std::string& text) {
    const std::string path = dir.file(name);
    test::write_file(path, text);
    return path;
  }
  ImportReport import(ImportKind kind, const std::string& name, const std::string& text, ImportMode mode = ImportMode::all_or_nothing) {
    ImportOptions options;
    options.mode = mode;
    return db->import_file(kind, file(name, text), options);
  }
  // The message of an import expected to fail, with the database unchanged.
  std::string refusal(ImportKind kind, const std::string& name, const std::string& text, Errc code) {
    const std::string before = test::logical_dump(db_path);
    try {
      import(kind, name, text);
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), code) << e.what();
      EXPECT_EQ(test::logical_dump(db_path), before);
      return e.what();
    }
    ADD_FAILURE() << "accepted: " << text;
    return {};
  }
  // Imports `text` twice: the second run changes nothing.
  void twice(ImportKind kind, const std::string& name, const std::string& text, std::int64_t rows) {
    const ImportReport first = import(kind, name, text);
    EXPECT_EQ(first.applied, rows) << name;
    const std::string dump = test::logical_dump(db_path);
    const ImportReport second = import(kind, name, text);
    EXPECT_EQ(second.applied, 0) << name;
    EXPECT_EQ(second.unchanged, rows) << name;
    EXPECT_EQ(test::logical_dump(db_path), dump) << name;
  }

  Contract by_external_id(const std::string& id) const {
    ContractFilter filter;
    filter.external_id = id;
    return db->find_contracts(filter).at(0);
  }

  test::TempDir dir;
  std::string db_path;
  std::unique_ptr<Database> db;
};

const char* kDepartments =
    "code,name,parent,manager\n"
    "HQ,总部,,\n"
    "SD,销售部,HQ,\n"
    "RD,\"研发部, 北京\",HQ,\n";
const char* kEmployees =
    "id,name,department,position,hired,manager\n"
    "E1,张三,SD,sales,2020-01-01,\n"
    "E2,李四,SD,sales,2021-06-01,E1\n"
    "E3,王五,RD,rnd,,\n";
const char* kManagers =
    "code,name,parent,manager\n"
    "HQ,总部,,\n"
    "SD,销售部,HQ,E1\n"
    "RD,\"研发部, 北京\",HQ,E3\n";

}  // namespace

TEST_F(KindImportTest, TheOrgDirectoryInThreeFiles) {
  twice(ImportKind::departments, "departments.csv", kDepartments, 3);
  twice(ImportKind::employees, "employees.csv", kEmployees, 3);
  // Departments again with their managers: the missing managers are filled in.
  const ImportReport r = import(ImportKind::departments, "managers.csv", kManagers);
  EXPECT_EQ(r.applied, 2);
  EXPECT_EQ(r.unchanged, 1);
  EXPECT_EQ(db->department("SD").manager, std::optional<std::string>("E1"));
  EXPECT_EQ(db->department("RD").name, "研发部, 北京");
  EXPECT_EQ(db->department("RD").parent, std::optional<std::string>("HQ"));
  EXPECT_EQ(db->employee("E2").manager, std::optional<std::string>("E1"));
  EXPECT_EQ(db->employee("E1").hired, std::optional<Date>(d("2020-01-01")));
  const ImportReport again = import(ImportKind::departments, "managers.csv", kManagers);
  EXPECT_EQ(again.applied, 0);
  EXPECT_EQ(again.unchanged, 3);
}

TEST_F(KindImportTest, OrgRowsWithOtherContentAreConflictsNamingTheLine) {
  import(ImportKind::departments, "departments.csv", kDepartments);
  import(ImportKind::employees, "employees.csv", kEmployees);
  import(ImportKind::departments, "managers.csv", kManagers);
  EXPECT_EQ(refusal(ImportKind::departments, "d.csv", "code,name\nHQ,总部\nSD,市场部\n", Errc::conflict),
            "line 3, column 'code': department SD already exists with other content: name, parent differ");
  EXPECT_EQ(refusal(ImportKind::departments, "d.csv", "code,name,parent,manager\nSD,销售部,HQ,E2\n", Errc::conflict),
            "line 2, column 'manager': department SD already exists with other content: manager differ");
  EXPECT_EQ(refusal(ImportKind::employees, "e.csv", "id,name,department,position\nE3,王五,SD,rnd\n", Errc::conflict),
            "line 2, column 'id': employee E3 already exists with other content: department differ");
  EXPECT_EQ(refusal(ImportKind::employees, "e.csv", "id,name,department,position,hired\nE1,张三,SD,sales,\n", Errc::conflict),
            "line 2, column 'id': employee E1 already exists with other content: hired differ");
  EXPECT_EQ(refusal(ImportKind::employees, "e.csv", "id,name,department,position,hired,manager\nE2,李四,SD,sales,2021-06-01,E3\n",
                    Errc::conflict),
            "line 2, column 'manager': employee E2 already exists with other content: manager differ");
}

TEST_F(KindImportTest, OrgRowsNameTheColumnAtFault) {
  EXPECT_EQ(refusal(ImportKind::departments, "d.csv", "code,name,parent\nSD,销售部,XX\n", Errc::not_found),
            "line 2, column 'parent': unknown department 'XX'");
  EXPECT_EQ(refusal(ImportKind::departments, "d.csv", "code,name\n SD,销售部\n", Errc::invalid_argument),
            "line 2, column 'code': 'code' value ' SD' must not begin or end with a space");
  import(ImportKind::departments, "departments.csv", kDepartments);
  EXPECT_EQ(refusal(ImportKind::employees, "e.csv", "id,name,department,position\nE9,赵六,XX,sales\n", Errc::not_found),
            "line 2, column 'department': unknown department 'XX'");
  EXPECT_EQ(refusal(ImportKind::employees, "e.csv", "id,name,department,position,manager\nE9,赵六,SD,sales,E8\n",
                    Errc::not_found),
            "line 2, column 'manager': unknown employee 'E8'");
  EXPECT_EQ(refusal(ImportKind::employees, "e.csv", "id,name,department,position,hired\nE9,赵六,SD,sales,2024-13-01\n",
                    Errc::invalid_argument),
            "line 2, column 'hired': '2024-13-01' is not a valid date (YYYY-MM-DD)");
}

TEST_F(KindImportTest, ContractsWithInstalmentsAttributesAndActivation) {
  test::add_company(*db);
  const std::string csv =
      "external_id,type,owner,amount,signed,end,delivery_due,counterparty,key_account,installments,activated,"
      "attr:budget:money,attr:region:text\n"
      "ERP-1,sales,E1,1000000.00,2024-01-10,2024-12-31,2024-03-01,华东机械有限公司,true,"
      "2024-02-01:500000.00;2024-03-01:500000.00,2024-01-10,1200000.00 CNY,华东\n"
      "ERP-2,procurement,E2,30000.00,2024-01-15,,,\"供应商 \"\"甲\"\"\",false,,,,\n";
  twice(ImportKind::contracts, "contracts.csv", csv, 2);
  const Contract a = by_external_id("ERP-1");
  EXPECT_EQ(a.number, "HT-2024-SD-0001");
  EXPECT_EQ(a.status, ContractStatus::active);
  EXPECT_EQ(a.activated_on, std::optional<Date>(d("2024-01-10")));
  EXPECT_TRUE(a.key_account);
  ASSERT_EQ(a.installments.size(), 2u);
  EXPECT_EQ(a.installments[1], (Installment{d("2024-03-01"), cny("500000.00")}));
  EXPECT_EQ(a.attributes.at("budget").money(), cny("1200000.00"));
  EXPECT_EQ(a.attributes.at("region").text(), "华东");
  const Contract b = by_external_id("ERP-2");
  EXPECT_EQ(b.status, ContractStatus::draft);
  EXPECT_EQ(b.counterparty, "供应商 \"甲\"");
  EXPECT_EQ(b.installments, (std::vector<Installment>{{d("2024-01-15"), cny("30000.00")}}));
  EXPECT_TRUE(b.attributes.empty());
  // Activating the draft later through the same key.
  const ImportReport r = import(ImportKind::contracts, "activate.csv",
                                "external_id,type,owner,amount,signed,counterparty,activated\n"
                                "ERP-2,procurement,E2,30000.00,2024-01-15,\"供应商 \"\"甲\"\"\",2024-01-20\n");
  EXPECT_EQ(r.applied, 1);
  EXPECT_EQ(db->contract(b.id).status, ContractStatus::active);
}

TEST_F(KindImportTest, ContractsFromJsonLines) {
  test::add_company(*db);
  const std::string jsonl =
      "{\"external_id\":\"J-1\",\"type\":\"sales\",\"owner\":\"E1\",\"amount\":\"900.00\",\"signed\":\"2024-01-10\","
      "\"counterparty\":\"甲\",\"key_account\":true,\"installments\":[{\"due\":\"2024-02-01\",\"amount\":\"400.00\"},"
      "{\"due\":\"2024-03-01\",\"amount\":\"500.00\"}],\"attributes\":{\"budget\":{\"type\":\"money\",\"value\":\"1000.00 CNY\"},"
      "\"vip\":true},\"activated\":\"2024-01-11\"}\n"
      "{\"external_id\":\"J-2\",\"type\":\"sales\",\"owner\":\"E2\",\"amount\":\"100.00\",\"currency\":\"CNY\","
      "\"signed\":\"2024-01-12\",\"counterparty\":\"乙\",\"installments\":\"2024-02-01:100.00\"}\n";
  twice(ImportKind::contracts, "contracts.jsonl", jsonl, 2);
  const Contract a = by_external_id("J-1");
  EXPECT_EQ(a.installments.size(), 2u);
  EXPECT_TRUE(a.attributes.at("vip").boolean());
  EXPECT_EQ(a.status, ContractStatus::active);
  EXPECT_EQ(by_external_id("J-2").installments.at(0).due, d("2024-02-01"));
  EXPECT_NE(refusal(ImportKind::contracts, "bad.jsonl",
                    "{\"external_id\":\"J-3\",\"type\":\"sales\",\"owner\":\"E1\",\"amount\":\"100.00\",\"signed\":"
                    "\"2024-01-10\",\"counterparty\":\"丙\",\"installments\":[{\"due\":\"2024-02-01\"}]}\n",
                    Errc::invalid_argument)
                .find("line 1, column 'installments': instalment 1 must be"),
            std::string::npos);
}

TEST_F(KindImportTest, ContractRowsAreRefusedNamingTheColumn) {
  test::add_company(*db);
  const std::string head = "external_id,type,owner,amount,signed,counterparty,installments,currency\n";
  EXPECT_EQ(refusal(ImportKind::contracts, "c.csv", head + "X1,sales,E1,1000.00,2024-01-10,甲,2024-02-01:900.00,\n",
                    Errc::invalid_argument),
            "line 2, column 'installments': the instalments sum to 900.00 CNY, 100.00 short of the contract amount "
            "1000.00 CNY");
  EXPECT_EQ(refusal(ImportKind::contracts, "c.csv", head + "X1,sales,E1,1000.00,2024-01-10,甲,2024-02-01;900.00,\n",
                    Errc::invalid_argument)
                .rfind("line 2, column 'installments': malformed instalment '2024-02-01'", 0),
            0u);
  EXPECT_EQ(refusal(ImportKind::contracts, "c.csv", head + "X1,sales,E9,1000.00,2024-01-10,甲,,\n", Errc::not_found),
            "line 2, column 'owner': unknown employee 'E9'");
  EXPECT_EQ(refusal(ImportKind::contracts, "c.csv", head + "X1,Sales,E1,1000.00,2024-01-10,甲,,\n", Errc::invalid_argument)
                .rfind("line 2, column 'type': ", 0),
            0u);
  EXPECT_EQ(refusal(ImportKind::contracts, "c.csv", head + "X1,sales,E1,1000.00,2024-01-10,甲,,USD\n",
                    Errc::currency_mismatch)
                .rfind("line 2, column 'currency': no exchange rate from USD", 0),
            0u);
  EXPECT_EQ(refusal(ImportKind::contracts, "c.csv", head + ",sales,E1,1000.00,2024-01-10,甲,,\n", Errc::invalid_argument),
            "line 2, column 'external_id': a contract row needs an external_id or a number (its key for repeated imports)");
  EXPECT_EQ(refusal(ImportKind::contracts, "c.csv",
                    "external_id,type,owner,amount,signed,counterparty,attr:budget:money\n"
                    "X1,sales,E1,1000.00,2024-01-10,甲,1000\n",
                    Errc::invalid_argument),
            "line 2, column 'attr:budget:money': '1000' is not an amount with its currency (e.g. '1000.00 CNY')");
  EXPECT_NE(refusal(ImportKind::contracts, "c.csv", "external_id,type,owner,amount,signed,counterparty,attr:budget\n",
                    Errc::invalid_argument)
                .find("'attr:budget' is not an attribute column"),
            std::string::npos);
  // The same external id with other terms.
  import(ImportKind::contracts, "c.csv", head + "X1,sales,E1,1000.00,2024-01-10,甲,,\n");
  EXPECT_EQ(refusal(ImportKind::contracts, "c.csv", head + "X1,sales,E1,1001.00,2024-01-10,甲,,\n", Errc::conflict),
            "line 2, column 'external_id': external id 'X1' already names contract HT-2024-SD-0001 with other terms");
}

TEST_F(KindImportTest, ContractsKeyedByTheirNumber) {
  test::add_company(*db);
  const std::string head = "number,type,owner,amount,signed,counterparty\n";
  const std::string rows = head + "HT-2024-SD-0001,sales,E1,1000.00,2024-01-10,甲\nHT-2024-SD-0002,sales,E2,50.00,2024-02-10,乙\n";
  twice(ImportKind::contracts, "numbered.csv", rows, 2);
  EXPECT_EQ(db->contract("HT-2024-SD-0002").owner, "E2");
  EXPECT_EQ(refusal(ImportKind::contracts, "n.csv", head + "HT-2024-SD-0002,sales,E2,60.00,2024-02-10,乙\n", Errc::conflict),
            "line 2, column 'number': contract HT-2024-SD-0002 already exists with other content: amount, installments "
            "differ");
  // A new contract must be issued the number the row gives.
  EXPECT_EQ(refusal(ImportKind::contracts, "n.csv", head + "HT-2024-SD-0009,sales,E1,10.00,2024-03-10,丙\n",
                    Errc::invalid_argument),
            "line 2, column 'number': the contract was numbered HT-2024-SD-0003, not HT-2024-SD-0009");
  // Skip mode leaves nothing of that row, not even its number.
  const ImportReport r = import(ImportKind::contracts, "n.csv",
                                head + "HT-2024-SD-0009,sales,E1,10.00,2024-03-10,丙\nHT-2024-SD-0003,sales,E1,10.00,2024-03-10,丙\n",
                                ImportMode::skip);
  EXPECT_EQ(r.applied, 1);
  EXPECT_EQ(r.skipped, 1);
  EXPECT_EQ(db->contract("HT-2024-SD-0003").counterparty, "丙");
}

TEST_F(KindImportTest, ReversalsDeliveriesAndSatisfaction) {
  test::add_company(*db);
  const Contract c = test::active_contract(*db, "1000.00");
  db->record_payment(c.id, cny("300.00"), d("2024-02-01"), "P1");
  db->record_payment(c.id, cny("200.00"), d("2024-02-02"), "P2", "bank");
  twice(ImportKind::reversals, "reversals.csv", "ref,date,source\nP1,2024-02-10,\nP2,2024-02-11,bank\n", 2);
  EXPECT_EQ(db->contract(c.id).collected, cny("0.00"));
  EXPECT_EQ(refusal(ImportKind::reversals, "r.csv", "ref,date\nP1,2024-02-12\n", Errc::conflict).rfind("line 2, column 'date': payment 'P1'", 0),
            0u);
  EXPECT_EQ(refusal(ImportKind::reversals, "r.csv", "ref,date\nP7,2024-02-12\n", Errc::not_found),
            "line 2, column 'ref': no payment with ref 'P7' from source 'finance'");

  const std::string deliveries = "contract,date,accepted,note\n" + c.number + ",2024-02-20,false,包装破损\n" + c.number +
                                 ",2024-02-25,true,\n";
  twice(ImportKind::deliveries, "deliveries.csv", deliveries, 2);
  const ExecutionSummary x = db->execution(c.id, d("2024-03-31"));
  EXPECT_EQ(x.failed_deliveries, 1);
  EXPECT_EQ(x.delivered_on, std::optional<Date>(d("2024-02-25")));
  // Without a key, the contract and date are the key: another flag on the
  // same date is a conflict.
  EXPECT_EQ(refusal(ImportKind::deliveries, "dd.csv", "contract,date,accepted\n" + c.number + ",2024-02-20,true\n",
                    Errc::conflict)
                .rfind("line 2, column 'contract': key 'delivery:" + c.number + ":2024-02-20'", 0),
            0u);

  const std::string scores = "{\"contract\":\"" + c.number + "\",\"date\":\"2024-03-01\",\"score\":85}\n{\"contract\":\"" +
                             c.number + "\",\"date\":\"2024-03-02\",\"score\":\"95\",\"key\":\"survey-2\"}\n";
  twice(ImportKind::satisfaction, "scores.jsonl", scores, 2);
  EXPECT_EQ(db->execution(c.id, d("2024-03-31")).satisfaction_average, std::optional<Decimal>(Decimal::parse("90.00")));
  EXPECT_EQ(refusal(ImportKind::satisfaction, "s.csv", "contract,date,score\n" + c.number + ",2024-03-05,101\n",
                    Errc::invalid_argument),
            "line 2, column 'score': satisfaction score 101 is outside 0..100");
  EXPECT_EQ(refusal(ImportKind::satisfaction, "s.csv", "contract,date,score\n" + c.number + ",2024-03-05,9.5\n",
                    Errc::invalid_argument),
            "line 2, column 'score': '9.5' is not an integer");
  EXPECT_EQ(refusal(ImportKind::deliveries, "d.csv", "contract,date,accepted\n" + c.number + ",2024-03-05,yes\n",
                    Errc::invalid_argument),
            "line 2, column 'accepted': 'yes' is not a boolean (true or false)");
}

TEST_F(KindImportTest, SkipModeLeavesNothingOfARefusedMultiStepRow) {
  import(ImportKind::departments, "departments.csv", kDepartments);
  import(ImportKind::employees, "employees.csv", kEmployees);
  // The department row is new but its manager is unknown: in skip mode the
  // department is not created either.
  const ImportReport r = import(ImportKind::departments, "more.csv", "code,name,parent,manager\nMK,市场部,HQ,E9\nFN,财务部,HQ,E1\n",
                                ImportMode::skip);
  EXPECT_EQ(r.applied, 1);
  EXPECT_EQ(r.skipped, 1);
  EXPECT_EQ(r.errors.at(0).column, "manager");
  EXPECT_THROW(db->department("MK"), NotFoundError);
  EXPECT_EQ(db->department("FN").manager, std::optional<std::string>("E1"));
}

TEST(ImportNamesTest, KindsModesAndFormatsByName) {
  for (ImportKind k : import_kinds()) EXPECT_EQ(parse_import_kind(import_kind_name(k)), k);
  EXPECT_EQ(import_kinds().size(), 7u);
  try {
    parse_import_kind("invoices");
    ADD_FAILURE();
  } catch (const ValidationError& e) {
    EXPECT_EQ(std::string(e.what()),
              "unknown import kind 'invoices' (expected one of: departments, employees, contracts, payments, reversals, "
              "deliveries, satisfaction)");
  }
  EXPECT_EQ(parse_import_mode("skip"), ImportMode::skip);
  EXPECT_THROW(parse_import_mode("some"), ValidationError);
  EXPECT_EQ(parse_import_format("jsonl"), ImportFormat::jsonl);
  EXPECT_THROW(parse_import_format("xml"), ValidationError);
  const ImportOptions o = json::import_options_from_json(R"({"version":1,"mode":"skip","format":"csv","report":"r.json"})");
  EXPECT_EQ(o.mode, ImportMode::skip);
  EXPECT_EQ(o.format, ImportFormat::csv);
  EXPECT_EQ(o.report_path, std::optional<std::string>("r.json"));
  EXPECT_THROW(json::import_options_from_json(R"({"mode":"skip","extra":1})"), ValidationError);
  EXPECT_THROW(json::import_options_from_json(R"({"version":2})"), ValidationError);
  EXPECT_THROW(json::import_options_from_json("{"), ValidationError);
  EXPECT_THROW(json::import_options_from_json(R"({"mode":1})"), ValidationError);
}
