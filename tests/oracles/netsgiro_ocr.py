"""OCR giro oracle (tests/it/payments.rs): the `netsgiro` package writes OCR giro files from
transactions and reads files written by our test's builder. Reads JSON on stdin:
{"write": [{"type": 10, "amount_ore": 1, "kid": "…", "date": "YYYY-MM-DD"}, …],
 "read": ["<file text>", …]}; answers {"file": "<text>", "read": [[{type, amount_ore, kid,
date}, …], …]}."""
import datetime
import json
import sys
from decimal import Decimal

import netsgiro

req = json.load(sys.stdin)
t = netsgiro.Transmission(
    number="1000081", data_transmitter="55555555", data_recipient=netsgiro.NETS_ID,
    date=datetime.date(2026, 12, 2))
a = t.add_assignment(
    service_code=netsgiro.ServiceCode.OCR_GIRO,
    assignment_type=netsgiro.AssignmentType.TRANSACTIONS,
    number="4000086", account="88888888888", agreement_id="000000000")
for i, c in enumerate(req["write"], start=1):
    text = c.get("text")
    a.transactions.append(netsgiro.Transaction(
        service_code=netsgiro.ServiceCode.OCR_GIRO,
        type=netsgiro.TransactionType(c["type"]), number=i,
        date=datetime.date.fromisoformat(c["date"]),
        amount=Decimal(c["amount_ore"]) / 100, kid=c["kid"] or "", reference="000000123",
        text=text, centre_id="13", day_code=2, partial_settlement_number=1,
        partial_settlement_serial_number="01234", sign="0", form_number="0000000000",
        bank_date=datetime.date.fromisoformat(c["date"]), debit_account="12345678903",
        filler="0000000"))
out = {"file": t.to_ocr(), "read": []}
for text in req["read"]:
    parsed = netsgiro.parse(text)
    out["read"].append([
        {"type": int(x.type), "amount_ore": x.amount_in_cents, "kid": x.kid,
         "date": x.date.isoformat()}
        for asg in parsed.assignments for x in asg.transactions])
json.dump(out, sys.stdout)
