"""An analyst's first script: a small company, a quarter of contract life,
every salesperson's scorecard as a pandas DataFrame, the employee and
department reports, bonus adjustments, and a what-if that is rolled back.

    python3 examples/python/analyst.py [DATABASE]      (default: in memory)

Money is ``decimal.Decimal`` (a float is refused), dates are ``datetime.date``.
"""

import sys
from datetime import date
from decimal import Decimal

import pactum

Q1 = "2024-Q1"

db = pactum.open(sys.argv[1] if len(sys.argv) > 1 else ":memory:", lang="en", currency="CNY")

# The company: two departments, four salespeople ("sales" is bound to the
# built-in sales KPI template). One transaction: all of it or nothing.
with db.transaction():
    db.add_department("SD", "销售部")
    db.add_department("MKT", "市场部")
    for employee, name, department in [("E001", "王芳", "SD"), ("E002", "李强", "SD"),
                                       ("E003", "张伟", "MKT"), ("E004", "刘洋", "MKT")]:
        db.add_employee(employee, name, department, "sales", hired=date(2023, 3, 1))

# One contract each: amount, paid in the quarter, delivered on, survey score.
# Every contract is due for delivery on 2024-03-01, half paid by 2024-02-15.
deals = [
    ("E001", "1000000.00", "500000.00", date(2024, 2, 20), 95),
    ("E002", "800000.00", "400000.00", date(2024, 3, 1), 80),
    ("E003", "600000.00", "0.00", date(2024, 3, 12), 60),
    ("E004", "1200000.00", "600000.00", date(2024, 2, 10), 90),
]
for owner, amount, paid, delivered, score in deals:
    half = Decimal(amount) / 2
    contract = db.create_contract(
        type="sales", owner=owner, amount=Decimal(amount), currency="CNY", counterparty="华东机械有限公司",
        signed=date(2024, 1, 10), end=date(2024, 12, 31), delivery_due=date(2024, 3, 1),
        installments=[(date(2024, 2, 15), half), (date(2024, 6, 30), half)])
    db.activate(contract, on=date(2024, 1, 10))
    if Decimal(paid) > 0:
        db.record_payment(contract, Decimal(paid), date(2024, 2, 15), ref=f"BANK-{contract.id:04d}")
    db.record_delivery(contract, on=delivered)
    db.record_satisfaction(contract, score, on=date(2024, 3, 20))
db.advance_to(date(2024, 3, 31))  # the database clock: the default "as of"

# Scorecards of everyone, as a DataFrame (Decimals stay exact).
cards = db.scorecards(Q1)
frame = cards.to_pandas().set_index("employee")
ranked = frame.sort_values("total", ascending=False)
print("Scorecards", Q1)
print(ranked[["total", "signed_amount", "collection_rate", "satisfaction", "execution_cycle", "rule_points"]]
      .to_string())
print()
last = ranked.index[-1]
print("Why", last, "is last:")
for hit in db.scorecard(last, Q1).rules:
    print(f"  {hit['rule']}: {hit['points']} ({hit['contract']}, {hit['date']})")
print()

# The article's reports, as text tables (also .to_pandas() and .to_csv()).
print(db.report_employees(Q1).to_text())
print(db.report_departments(Q1).to_text())

# Bonus adjustments on a base bonus of 20,000.00 (the default bands).
print("Bonus adjustments on 20000.00:")
for card in cards:
    print(f"  {card.employee}  {card.total:>6}  {db.bonus_adjustment(card.employee, Q1, Decimal('20000.00')):>9}")
print()

# What if E003's customer had paid half on time? Score it inside a
# transaction, then roll back: the database is exactly as before.
late = db.find_contracts(owner="E003")[0]
with db.transaction() as what_if:
    db.record_payment(late, Decimal("300000.00"), date(2024, 2, 15), ref="WHAT-IF")
    print("E003 if paid on time:", db.scorecard("E003", Q1).total, "instead of", frame.loc["E003", "total"])
    what_if.rollback()
print("E003 after the rollback:", db.scorecard("E003", Q1).total)

# Errors carry a stable code and a message in the handle's language.
try:
    db.record_payment(late, 1.5, ref="FLOAT")
except TypeError as error:
    print("refused:", error)
try:
    db.scorecard("E999", Q1)
except pactum.NotFoundError as error:
    print("refused:", error.code, error)
db.close()
