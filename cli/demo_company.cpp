// The demo company: a seeded plan of one year, written through the library.
#include "demo_company.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>

#include "pactum/kpi/template.hpp"

namespace pactum::cli::demo {

std::uint64_t Prng::next() noexcept {
  state_ += 0x9E3779B97F4A7C15ULL;
  std::uint64_t z = state_;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::int64_t Prng::between(std::int64_t lo, std::int64_t hi) noexcept {
  if (hi <= lo) return lo;
  const std::uint64_t span = static_cast<std::uint64_t>(hi - lo) + 1;
  // Rejection sampling: draws at or above the largest multiple of `span` are
  // thrown away, so every value is equally likely.
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % span;
  std::uint64_t x = next();
  while (x >= limit) x = next();
  return lo + static_cast<std::int64_t>(x % span);
}

namespace {

const Currency kCny = Currency::of("CNY");
const Currency kUsd = Currency::of("USD");
// 1 USD in CNY from the first day of the year, and from July on.
const Decimal kUsdRate = Decimal::parse("7.10");
const Decimal kUsdRateJuly = Decimal::parse("7.15");

Date day(int month, int d) { return Date::from_ymd(kYear, month, d); }
const Date kYearStart = day(1, 1);
const Date kYearEnd = day(12, 31);

constexpr std::array<std::string_view, 24> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵",
                                                        "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
                                                        "何", "林", "高", "罗", "郑", "梁", "谢", "宋"};
constexpr std::array<std::string_view, 30> kGivenNames = {
    "伟",   "芳",   "娜",   "敏",   "静",   "磊",   "强",   "洋",   "艳",   "勇",   "军",   "杰",
    "娟",   "涛",   "明",   "超",   "秀英", "霞",   "平",   "刚",   "桂英", "建华", "晓东", "丽华",
    "海燕", "志强", "文博", "雨桐", "子轩", "嘉怡"};

struct Counterparty {
  std::string_view name;
  bool key_account;
};
constexpr std::array<Counterparty, 16> kCustomers = {{{"华东机械", true},
                                                      {"南方电网物资", true},
                                                      {"北方重工", true},
                                                      {"长江建材", true},
                                                      {"华南电子", false},
                                                      {"西部能源", false},
                                                      {"东方物流", false},
                                                      {"蓝海科技", false},
                                                      {"星辰医疗", false},
                                                      {"中原食品", false},
                                                      {"天府软件", false},
                                                      {"海川贸易", false},
                                                      {"金桥汽配", false},
                                                      {"青山环保", false},
                                                      {"Pacific Rim Trading", false},
                                                      {"Nordic Marine Systems", true}}};
constexpr std::array<std::string_view, 8> kSuppliers = {"宏达钢材", "精工轴承", "瑞丰包装", "联创芯片",
                                                        "恒通物流", "佳美印务", "博远仪器", "顺达五金"};
constexpr std::array<std::string_view, 6> kResearchPartners = {"清华大学研究院", "中科院自动化所", "浙江大学",
                                                               "华中科技大学",   "上海交通大学",   "深圳先进院"};

// A department of contract owners: who works there and how they behave.
struct StaffedDepartment {
  std::string_view code;
  std::string_view name;
  std::string_view position;
  int staff;
  int late_payment;   // per mille, the department's usual
  int late_delivery;  // per mille
};
constexpr std::array<StaffedDepartment, 4> kOwnerDepartments = {{
    {"MK", "市场部", "sales", 14, 8, 12},
    {"SD", "销售部", "sales", 20, 18, 30},
    {"RD", "研发部", "rnd", 16, 25, 60},
    {"PD", "采购部", "procurement", 12, 20, 110},
}};

std::string employee_id(int n) {
  std::string digits = std::to_string(n);
  return "E" + std::string(3 - std::min<std::size_t>(3, digits.size()), '0') + digits;
}

Money cny(std::int64_t yuan) { return Money::from_units(yuan * Money::kUnitsPerOne, kCny); }

// The default routing table's number of steps (docs/routing-default.json):
// labour 2; otherwise by the amount in the reporting currency.
int default_route_steps(const std::string& type, const Money& reporting_amount) {
  if (type == "labour") return 2;
  if (reporting_amount < cny(50000)) return 1;
  if (reporting_amount <= cny(100000)) return 2;
  return 3;
}

Money reporting_amount(const Money& amount, Date signed_on) {
  if (amount.currency() == kCny) return amount;
  const Decimal rate = signed_on < day(7, 1) ? kUsdRate : kUsdRateJuly;
  return Money::from_units(amount.units(), kCny).times(rate).rounded_to_minor();
}

class Planner {
 public:
  explicit Planner(std::uint64_t seed) : rng_(seed) { plan_.seed = seed; }

  DemoPlan run() {
    plan_org();
    plan_worked_example();
    plan_contracts();
    std::stable_sort(plan_.actions.begin(), plan_.actions.end(), [](const Action& a, const Action& b) {
      if (a.on != b.on) return a.on < b.on;
      if (a.contract != b.contract) return a.contract < b.contract;
      return a.order < b.order;
    });
    return std::move(plan_);
  }

 private:
  // ---- The organisation ----------------------------------------------------

  std::string fresh_name() {
    for (;;) {
      std::string name(kSurnames[static_cast<std::size_t>(rng_.between(0, kSurnames.size() - 1))]);
      name += kGivenNames[static_cast<std::size_t>(rng_.between(0, kGivenNames.size() - 1))];
      if (names_.insert(name).second) return name;
    }
  }

  PlannedEmployee& add_employee(std::string name, std::string department, std::string position,
                                std::optional<std::string> manager) {
    PlannedEmployee e;
    e.id = employee_id(static_cast<int>(plan_.employees.size()) + 1);
    names_.insert(name);
    e.name = std::move(name);
    e.department = std::move(department);
    e.position = std::move(position);
    e.hired = Date::from_ymd(static_cast<int>(rng_.between(2016, 2023)), static_cast<int>(rng_.between(1, 12)),
                             static_cast<int>(rng_.between(1, 28)));
    e.manager = std::move(manager);
    plan_.employees.push_back(std::move(e));
    return plan_.employees.back();
  }

  void plan_org() {
    // Names the article uses first, so they are never drawn.
    names_.insert("张三");
    PlannedEmployee& gm = add_employee(fresh_name(), "GM", "general_manager", std::nullopt);
    gm.roles = {"general_manager"};
    const std::string gm_id = gm.id;
    plan_.departments.push_back({"GM", "总经办", std::nullopt, gm_id});

    PlannedEmployee& cfo = add_employee(fresh_name(), "FN", "finance", gm_id);
    cfo.roles = {"finance"};
    const std::string cfo_id = cfo.id;
    PlannedEmployee& accountant = add_employee(fresh_name(), "FN", "finance", cfo_id);
    accountant.roles = {"finance"};
    plan_.departments.push_back({"FN", "财务部", std::string("GM"), cfo_id});

    PlannedEmployee& hr = add_employee(fresh_name(), "HR", "hr", gm_id);
    hr.roles = {"hr"};
    plan_.departments.push_back({"HR", "人力资源部", std::string("GM"), hr.id});

    std::vector<std::string> managers;
    for (const StaffedDepartment& d : kOwnerDepartments) {
      PlannedEmployee& m = add_employee(fresh_name(), std::string(d.code), "manager", gm_id);
      managers.push_back(m.id);
      plan_.departments.push_back({std::string(d.code), std::string(d.name), std::string("GM"), m.id});
    }
    for (std::size_t k = 0; k < kOwnerDepartments.size(); ++k) {
      const StaffedDepartment& d = kOwnerDepartments[k];
      for (int i = 0; i < d.staff; ++i) {
        // The article's 张三 is the first of 销售部.
        const bool zhang_san = d.code == "SD" && i == 0;
        PlannedEmployee& e =
            add_employee(zhang_san ? std::string("张三") : fresh_name(), std::string(d.code), std::string(d.position),
                         managers[k]);
        // Most people keep close to their department's habits; in sales, one
        // in ten signs big and collects slowly.
        const bool big_signer = !zhang_san && d.position == "sales" && rng_.chance(100);
        e.late_payment = static_cast<int>(d.late_payment * rng_.between(40, 200) / 100);
        e.late_delivery = static_cast<int>(d.late_delivery * rng_.between(40, 200) / 100);
        e.deal_size = static_cast<int>(rng_.between(70, 130));
        if (big_signer) {
          e.late_payment = static_cast<int>(rng_.between(150, 250));
          e.deal_size = static_cast<int>(rng_.between(140, 180));
        }
        if (zhang_san) {
          e.late_payment = 10;
          e.late_delivery = 10;
          plan_.worked_owner = e.id;
        }
      }
    }
  }

  const PlannedEmployee& employee(const std::string& id) const {
    for (const PlannedEmployee& e : plan_.employees) {
      if (e.id == id) return e;
    }
    return plan_.employees.front();
  }

  const PlannedDepartment& department(const std::string& code) const {
    for (const PlannedDepartment& d : plan_.departments) {
      if (d.code == code) return d;
    }
    return plan_.departments.front();
  }

  // ---- Contracts -------------------------------------------------------------

  // Adds an action of contract `c` (dated in the year only).
  void act(std::size_t c, Date on, ActionKind kind, Action a = {}) {
    last_on_[c] = std::max(last_on_[c], on);
    if (on > kYearEnd) return;
    a.on = on;
    a.contract = c;
    a.order = next_order_[c]++;
    a.kind = kind;
    plan_.actions.push_back(std::move(a));
  }

  std::size_t add_contract(ContractSpec spec) {
    PlannedContract pc;
    pc.approval_steps = default_route_steps(spec.type, reporting_amount(spec.amount, spec.signed_on));
    pc.spec = std::move(spec);
    plan_.contracts.push_back(std::move(pc));
    next_order_.push_back(0);
    last_on_.push_back(pc_signed(plan_.contracts.back()));
    return plan_.contracts.size() - 1;
  }

  // Submission and approvals: returns the activation date.
  Date plan_approval(std::size_t c, const PlannedEmployee& owner) {
    const PlannedContract& pc = plan_.contracts[c];
    Date on = pc.spec.signed_on;
    act(c, on, ActionKind::create);
    act(c, on, ActionKind::submit);
    if (rng_.chance(25)) {
      // The department manager wants the terms clarified; the owner resubmits.
      on = on.add_days(rng_.between(1, 2));
      Action back;
      back.text = "请补充交付与付款条款";
      act(c, on, ActionKind::send_back, back);
      on = on.add_days(1);
      act(c, on, ActionKind::submit);
    }
    (void)owner;
    for (int step = 0; step < pc.approval_steps; ++step) {
      on = std::min(on.add_days(rng_.between(0, 2)), kYearEnd);
      Action a;
      a.text = step + 1 == pc.approval_steps ? "同意" : "同意,请下一步审批";
      act(c, on, ActionKind::approve, a);
    }
    return on;
  }

  // Instalments: `count` parts of the amount, the first `first_due` after
  // activation, then monthly.
  std::vector<Installment> schedule(const Money& amount, Date first_due, int count) {
    std::vector<std::int64_t> weights;
    for (int i = 0; i < count; ++i) weights.push_back(rng_.between(2, 4));
    const std::vector<Money> parts = amount.allocate(weights);
    std::vector<Installment> out;
    for (int i = 0; i < count; ++i) out.push_back({first_due.add_months(i), parts[static_cast<std::size_t>(i)]});
    return out;
  }

  // Payments of the schedule by an owner whose customers pay late
  // `late_payment` per mille of the time. Returns the date of the last
  // payment if everything was paid, else nullopt.
  std::optional<Date> plan_payments(std::size_t c, Date activated, int late_payment) {
    const std::vector<Installment> installments = plan_.contracts[c].spec.installments;
    std::optional<Date> last = activated;
    int n = 0;
    for (const Installment& i : installments) {
      ++n;
      const std::string ref = "BANK-" + std::to_string(c + 1) + "-" + std::to_string(n);
      auto pay = [&](Date on, const Money& amount, const std::string& payment_ref) {
        on = std::max(on, activated);
        Action a;
        a.amount = amount;
        a.ref = payment_ref;
        act(c, on, ActionKind::pay, a);
        if (last && *last < on) last = on;
        return on;
      };
      if (!rng_.chance(late_payment)) {
        const Date paid = pay(i.due.add_days(-rng_.between(0, 6)), i.amount, ref);
        if (rng_.chance(15)) {
          // The bank returns the payment; usually the customer pays again.
          Action r;
          r.ref = ref;
          const Date reversed = paid.add_days(rng_.between(2, 6));
          act(c, reversed, ActionKind::reverse, r);
          if (rng_.chance(700)) {
            pay(reversed.add_days(rng_.between(5, 30)), i.amount, ref + "-R");
          } else {
            last.reset();
          }
        }
        continue;
      }
      const std::int64_t kind = rng_.between(0, 9);
      if (kind < 6) {
        pay(i.due.add_days(rng_.between(3, 75)), i.amount, ref);
      } else if (kind < 9) {
        const std::vector<Money> halves = i.amount.allocate(std::vector<std::int64_t>{1, 1});
        pay(i.due.add_days(-1), halves[0], ref);
        pay(i.due.add_days(rng_.between(10, 60)), halves[1], ref + "-B");
      } else {
        last.reset();  // never paid
      }
    }
    if (last && *last > kYearEnd) last.reset();
    return last;
  }

  // Delivery (early, on time or late), a refusal for quality now and then.
  // Returns the accepted delivery date.
  Date plan_delivery(std::size_t c, Date activated, Date due, int late_delivery) {
    Date on;
    if (rng_.chance(late_delivery)) {
      on = due.add_days(rng_.between(1, 30));
    } else {
      on = due.add_days(-rng_.between(0, 12));
    }
    on = std::max(on, activated.add_days(1));
    if (rng_.chance(20)) {
      Action refused;
      refused.text = "质量检验未通过";
      act(c, on, ActionKind::refuse_delivery, refused);
      on = on.add_days(rng_.between(5, 15));
    }
    act(c, on, ActionKind::deliver);
    return on;
  }

  Money amount_between(std::int64_t lo_hundreds, std::int64_t hi_hundreds, int deal_size, Currency currency) {
    const std::int64_t hundreds = std::max<std::int64_t>(1, rng_.between(lo_hundreds, hi_hundreds) * deal_size / 100);
    return Money::from_units(hundreds * 100 * Money::kUnitsPerOne, currency);
  }

  Money sales_amount(int deal_size, Currency currency) {
    const std::int64_t tier = rng_.between(0, 99);
    const std::int64_t scale = currency == kUsd ? 7 : 1;  // USD deals are about a seventh in number
    if (tier < 30) return amount_between(100 / scale, 499 / scale, deal_size, currency);
    if (tier < 55) return amount_between(500 / scale, 1000 / scale, deal_size, currency);
    return amount_between(1001 / scale, 2500 / scale, deal_size, currency);
  }

  static Date pc_signed(const PlannedContract& pc) { return pc.spec.signed_on; }

  // Completes most contracts that were paid in full and delivered, after the
  // last thing that happens to them.
  void finish(std::size_t c, std::optional<Date> settled, bool breached) {
    if (!settled || breached) return;
    if (rng_.chance(800)) act(c, last_on_[c].add_days(rng_.between(1, 10)), ActionKind::complete);
  }

  // A delivered contract: `breach_per_mille` in a thousand get a breach
  // (`reason`) 3 to 15 days after delivery; then the payments are planned
  // and the contract finished.
  void breach_and_settle(std::size_t c, Date activated, Date delivered, int late_payment, int breach_per_mille,
                         const char* reason) {
    bool breached = false;
    if (rng_.chance(breach_per_mille)) {
      Action b;
      b.text = reason;
      act(c, delivered.add_days(rng_.between(3, 15)), ActionKind::breach, b);
      breached = true;
    }
    const std::optional<Date> settled = plan_payments(c, activated, late_payment);
    finish(c, settled, breached);
  }

  void plan_sale(const PlannedEmployee& owner, Date signed_on, bool international) {
    ContractSpec spec;
    spec.type = "sales";
    spec.owner = owner.id;
    spec.signed_on = signed_on;
    spec.numbering = "sales";
    const Counterparty& customer =
        international ? kCustomers[static_cast<std::size_t>(rng_.between(14, 15))]
                      : kCustomers[static_cast<std::size_t>(rng_.between(0, 13))];
    spec.counterparty = std::string(customer.name);
    spec.key_account = customer.key_account;
    spec.amount = sales_amount(owner.deal_size, international ? kUsd : kCny);
    spec.end = signed_on.add_months(rng_.between(6, 12));
    const std::size_t c = add_contract(spec);
    const Date activated = plan_approval(c, owner);
    ContractSpec& s = plan_.contracts[c].spec;
    s.delivery_due = activated.add_days(rng_.between(30, 70));
    s.installments = schedule(s.amount, activated.add_days(rng_.between(10, 35)), static_cast<int>(rng_.between(1, 4)));
    const Date delivered = plan_delivery(c, activated, *s.delivery_due, owner.late_delivery);
    Action survey;
    survey.score = static_cast<int>(rng_.between(60, 95) - owner.late_delivery / 20 - (delivered > *s.delivery_due ? 15 : 0));
    act(c, delivered.add_days(rng_.between(5, 20)), ActionKind::survey, survey);
    breach_and_settle(c, activated, delivered, owner.late_payment, 6, "交付质量不符合合同约定");
    plan_handover(c, owner, activated);
  }

  // About one sales contract in a hundred is handed over to a colleague of
  // the department three weeks after activation (a change of territory): the
  // signing stays with the signer, the collection follows the new holder. The
  // choice is a function of the contract's index so that the random stream,
  // and with it the rest of the year, is the same with or without it.
  void plan_handover(std::size_t c, const PlannedEmployee& owner, Date activated) {
    if (owner.id == plan_.worked_owner || (c * 7919) % 97 != 0) return;
    std::vector<const PlannedEmployee*> colleagues;
    for (const PlannedEmployee& e : plan_.employees) {
      if (e.department == owner.department && e.position == "sales" && e.id != owner.id && e.id != plan_.worked_owner) {
        colleagues.push_back(&e);
      }
    }
    if (colleagues.empty()) return;
    Action a;
    a.ref = colleagues[c % colleagues.size()]->id;
    a.text = "客户区域调整,移交同事跟进";
    act(c, activated.add_days(20), ActionKind::hand_over, a);
  }

  void plan_project(const PlannedEmployee& owner, Date signed_on) {
    ContractSpec spec;
    spec.type = "project";
    spec.owner = owner.id;
    spec.signed_on = signed_on;
    spec.numbering = "project";
    spec.counterparty = std::string(kCustomers[static_cast<std::size_t>(rng_.between(0, 13))].name);
    spec.key_account = rng_.chance(200);
    spec.amount = amount_between(800, 6000, owner.deal_size, kCny);
    const std::size_t c = add_contract(spec);
    const Date activated = plan_approval(c, owner);
    ContractSpec& s = plan_.contracts[c].spec;
    s.delivery_due = activated.add_days(rng_.between(80, 160));
    s.end = s.delivery_due->add_months(rng_.between(2, 6));
    s.installments = schedule(s.amount, activated.add_days(rng_.between(20, 40)), static_cast<int>(rng_.between(2, 3)));
    Date due = *s.delivery_due;
    if (rng_.chance(250)) {
      // A change of scope moves the delivery date.
      Action a;
      a.new_delivery_due = due.add_days(rng_.between(15, 40));
      a.text = "需求变更,交付日期顺延";
      act(c, activated.add_days(rng_.between(10, 40)), ActionKind::amend, a);
      due = *a.new_delivery_due;
    }
    const Date delivered = plan_delivery(c, activated, due, owner.late_delivery);
    breach_and_settle(c, activated, delivered, owner.late_payment, 8, "项目验收不合格");
  }

  void plan_patent(const PlannedEmployee& owner, Date signed_on) {
    ContractSpec spec;
    spec.type = "patent";
    spec.owner = owner.id;
    spec.signed_on = signed_on;
    spec.numbering = "patent";
    spec.counterparty = std::string(kResearchPartners[static_cast<std::size_t>(rng_.between(0, 5))]);
    spec.amount = amount_between(200, 1500, 100, kCny);
    spec.end = signed_on.add_years(3);
    const std::size_t c = add_contract(spec);
    const Date activated = plan_approval(c, owner);
    ContractSpec& s = plan_.contracts[c].spec;
    s.installments = schedule(s.amount, activated.add_days(rng_.between(15, 45)), 1);
    const std::optional<Date> settled = plan_payments(c, activated, owner.late_payment / 2);
    (void)settled;
  }

  void plan_purchase(const PlannedEmployee& owner, Date signed_on) {
    ContractSpec spec;
    spec.type = "procurement";
    spec.owner = owner.id;
    spec.signed_on = signed_on;
    spec.numbering = "procurement";
    spec.counterparty = std::string(kSuppliers[static_cast<std::size_t>(rng_.between(0, 7))]);
    spec.amount = amount_between(150, 2500, owner.deal_size, kCny);
    spec.end = signed_on.add_months(rng_.between(3, 12));
    // Negotiated below the budget: 0% to 12% cheaper.
    const std::int64_t saving_per_mille = rng_.between(0, 120);
    const Money budget = spec.amount.times(Ratio(1000, 1000 - saving_per_mille)).rounded_to_minor();
    spec.attributes.emplace("budget", AttributeValue(budget));
    spec.attributes.emplace("actual", AttributeValue(spec.amount));
    const std::size_t c = add_contract(spec);
    const Date activated = plan_approval(c, owner);
    ContractSpec& s = plan_.contracts[c].spec;
    s.delivery_due = activated.add_days(rng_.between(10, 45));
    s.installments = schedule(s.amount, activated.add_days(rng_.between(15, 45)), static_cast<int>(rng_.between(1, 3)));
    const Date delivered = plan_delivery(c, activated, *s.delivery_due, owner.late_delivery);
    if (rng_.chance(40)) {
      Action d;
      d.text = "到货数量与订单不符";
      act(c, delivered.add_days(rng_.between(1, 10)), ActionKind::dispute, d);
    }
    // We pay our suppliers on time, nearly always.
    const std::optional<Date> settled = plan_payments(c, activated, 20);
    finish(c, settled, false);
  }

  void plan_labour(const PlannedDepartment& dept, Date signed_on) {
    ContractSpec spec;
    spec.type = "labour";
    spec.owner = dept.manager;
    spec.signed_on = signed_on;
    spec.numbering = "labour";
    spec.counterparty = fresh_name();
    spec.amount = amount_between(960, 3600, 100, kCny);  // the annual salary
    spec.end = signed_on.add_years(rng_.between(1, 3)).add_days(-1);
    const std::size_t c = add_contract(spec);
    const Date activated = plan_approval(c, employee(dept.manager));
    ContractSpec& s = plan_.contracts[c].spec;
    s.installments = schedule(s.amount, activated.first_of_month().add_months(1).end_of_month(), 1);
    plan_payments(c, activated, 0);
  }

  void plan_worked_example() {
    // The article's worked example: 张三 signs 1,000,000 in January; the
    // customer pays 300,000, 500,000 and 200,000 at the ends of January,
    // February and March.
    ContractSpec spec;
    spec.type = "sales";
    spec.owner = plan_.worked_owner;
    spec.signed_on = day(1, 10);
    spec.numbering = "article";
    spec.counterparty = "华东机械";
    spec.key_account = true;
    spec.amount = cny(1000000);
    spec.end = day(12, 31);
    spec.delivery_due = day(3, 20);
    spec.installments = {{day(1, 31), cny(300000)}, {day(2, 29), cny(500000)}, {day(3, 31), cny(200000)}};
    const std::size_t c = add_contract(spec);
    plan_.worked_contract = c;
    act(c, spec.signed_on, ActionKind::create);
    act(c, spec.signed_on, ActionKind::submit);
    for (int step = 0; step < plan_.contracts[c].approval_steps; ++step) {
      Action a;
      a.text = "同意";
      act(c, spec.signed_on.add_days(step), ActionKind::approve, a);
    }
    int n = 0;
    for (const Installment& i : spec.installments) {
      Action a;
      a.amount = i.amount;
      a.ref = "BANK-HT-" + std::to_string(++n);
      act(c, i.due, ActionKind::pay, a);
    }
    act(c, day(3, 15), ActionKind::deliver);
    Action survey;
    survey.score = 96;
    act(c, day(3, 25), ActionKind::survey, survey);
  }

  void plan_contracts() {
    for (const PlannedEmployee& e : plan_.employees) {
      if (e.position != "sales" && e.position != "rnd" && e.position != "procurement") continue;
      for (int month = 1; month <= 12; ++month) {
        // 张三's first quarter is the worked example alone.
        if (e.id == plan_.worked_owner && month <= 3) continue;
        const int last_day = month == 12 ? 15 : days_in_month(kYear, month);
        auto some_day = [&] { return day(month, static_cast<int>(rng_.between(1, last_day))); };
        if (e.position == "sales") {
          const std::int64_t count = rng_.between(2, 4);
          for (std::int64_t k = 0; k < count; ++k) plan_sale(e, some_day(), e.department == "MK" && rng_.chance(50));
        } else if (e.position == "rnd") {
          const std::int64_t count = rng_.between(1, 2);
          for (std::int64_t k = 0; k < count; ++k) plan_project(e, some_day());
          if (rng_.chance(120)) plan_patent(e, some_day());
        } else {
          const std::int64_t count = rng_.between(3, 5);
          for (std::int64_t k = 0; k < count; ++k) plan_purchase(e, some_day());
        }
      }
    }
    // Employment contracts renewed by the departments during the year.
    for (const PlannedDepartment& d : plan_.departments) {
      if (d.code == "GM") continue;
      const std::int64_t count = rng_.between(3, 8);
      for (std::int64_t k = 0; k < count; ++k) {
        plan_labour(d, day(static_cast<int>(rng_.between(1, 12)), static_cast<int>(rng_.between(1, 15))));
      }
    }
  }

  Prng rng_;
  DemoPlan plan_;
  std::set<std::string> names_;
  std::vector<int> next_order_;
  std::vector<Date> last_on_;  // the latest action planned for each contract, in the year or not
};

}  // namespace

DemoPlan plan_company(std::uint64_t seed) { return Planner(seed).run(); }

void set_up_company(Database& db, const DemoPlan& plan) {
  auto tx = db.transaction();
  db.set_label(kDemoLabel, "seed=" + std::to_string(plan.seed));
  db.advance_to(kYearStart.add_days(-1));
  db.set_exchange_rate("USD", kUsdRate, kYearStart);
  db.set_exchange_rate("USD", kUsdRateJuly, day(7, 1));
  // Departments first without managers (the managers are employees of them).
  for (const PlannedDepartment& d : plan.departments) {
    DepartmentSpec spec;
    spec.code = d.code;
    spec.name = d.name;
    spec.parent = d.parent;
    db.add_department(spec);
  }
  for (const PlannedEmployee& e : plan.employees) {
    EmployeeSpec spec;
    spec.id = e.id;
    spec.name = e.name;
    spec.department = e.department;
    spec.position = e.position;
    spec.hired = e.hired;
    db.add_employee(spec);
  }
  for (const PlannedEmployee& e : plan.employees) {
    if (e.manager) db.set_employee_manager(e.id, e.manager);
    for (const std::string& role : e.roles) db.assign_role(e.id, role);
  }
  for (const PlannedDepartment& d : plan.departments) db.set_department_manager(d.code, d.manager);
  // Numbering rules in the article's style.
  db.define_numbering("sales", "XSC-{year}-{dept}-{seq:4}");
  db.define_numbering("project", "XM-{year}-{dept}-{seq:4}");
  db.define_numbering("patent", "ZL-{year}-{dept}-{seq:3}");
  db.define_numbering("procurement", "CG-{year}-{dept}-{seq:4}");
  db.define_numbering("labour", "LD-{year}-{dept}-{seq:3}");
  db.define_numbering("article", "HT-{year}-{dept_name}-{employee_name}-{seq:3}");
  // The company's policy: each event rule counts at most this much in one
  // scorecard. The cap is set template by template so that a rule a template
  // leaves off (the procurement template has no collection rules) stays off.
  const std::pair<RuleKind, const char*> caps[] = {{RuleKind::collection_80, "5"},
                                                   {RuleKind::installment_overdue, "15"},
                                                   {RuleKind::late_delivery, "10"},
                                                   {RuleKind::early_delivery, "5"},
                                                   {RuleKind::breach, "30"}};
  for (const KpiTemplate& t : KpiTemplate::builtins()) {
    for (const auto& entry : caps) {
      // Named, not a structured binding: the lambda uses it (clang 14).
      const RuleKind rule = entry.first;
      const char* const cap = entry.second;
      const auto own = std::find_if(t.rules.begin(), t.rules.end(), [&](const RuleDefinition& r) { return r.kind == rule; });
      if (own == t.rules.end() || !own->enabled) continue;
      RuleSetting s;
      s.template_id = t.id;
      s.rule = rule;
      s.points = own->points;
      s.cap = Decimal::parse(cap);
      db.set_rule(s);
    }
  }
  tx.commit();
}

DemoCounts play_year(Database& db, const DemoPlan& plan, std::vector<std::int64_t>& ids) {
  DemoCounts counts;
  ids.assign(plan.contracts.size(), 0);
  std::size_t next = 0;
  for (int month = 1; month <= 12; ++month) {
    const Date month_end = day(month, 1).end_of_month();
    auto tx = db.transaction();
    for (; next < plan.actions.size() && plan.actions[next].on <= month_end; ++next) {
      const Action& a = plan.actions[next];
      const PlannedContract& pc = plan.contracts[a.contract];
      const std::int64_t id = ids[a.contract];
      switch (a.kind) {
        case ActionKind::create:
          ids[a.contract] = db.create_contract(pc.spec).id;
          ++counts.contracts;
          break;
        case ActionKind::submit:
          db.submit(id, pc.spec.owner, a.on);
          break;
        case ActionKind::approve: {
          const std::vector<std::string> approvers = db.current_approvers(id);
          if (approvers.empty()) raise(Errc::internal, "cli.demo_route_mismatch", {{"contract", std::to_string(id)}});
          db.approve(id, approvers.front(), a.text, a.on);
          ++counts.approvals;
          break;
        }
        case ActionKind::send_back: {
          const std::vector<std::string> approvers = db.current_approvers(id);
          if (approvers.empty()) raise(Errc::internal, "cli.demo_route_mismatch", {{"contract", std::to_string(id)}});
          db.send_back(id, approvers.front(), a.text, a.on);
          ++counts.send_backs;
          break;
        }
        case ActionKind::pay:
          db.record_payment(id, a.amount, a.on, a.ref);
          ++counts.payments;
          break;
        case ActionKind::reverse:
          db.reverse_payment(a.ref, a.on);
          ++counts.reversals;
          break;
        case ActionKind::deliver:
          db.record_delivery(id, true, EventOptions(a.on));
          ++counts.deliveries;
          break;
        case ActionKind::refuse_delivery:
          db.record_delivery(id, false, EventOptions(a.on), a.text);
          ++counts.refused_deliveries;
          break;
        case ActionKind::survey:
          db.record_satisfaction(id, std::clamp(a.score, 0, 100), EventOptions(a.on));
          ++counts.surveys;
          break;
        case ActionKind::amend: {
          Amendment change;
          change.delivery_due = a.new_delivery_due;
          db.amend(id, a.text, change, a.on);
          ++counts.amendments;
          break;
        }
        case ActionKind::dispute:
          db.record_dispute(id, a.text, EventOptions(a.on));
          ++counts.disputes;
          break;
        case ActionKind::breach:
          db.record_breach(id, a.text, EventOptions(a.on));
          ++counts.breaches;
          break;
        case ActionKind::complete:
          db.complete(id, a.on);
          ++counts.completions;
          break;
        case ActionKind::hand_over:
          db.reassign(id, a.ref, a.text, a.on);
          ++counts.handovers;
          break;
      }
    }
    db.advance_to(month_end);
    tx.commit();
  }
  counts.events = db.last_event_seq();
  for (std::int64_t after = 0;;) {
    const std::vector<Event> batch = db.events_after(after, 1000);
    if (batch.empty()) break;
    for (const Event& e : batch) counts.expiries += e.type == EventType::expired ? 1 : 0;
    after = batch.back().seq;
  }
  return counts;
}

}  // namespace pactum::cli::demo
