"""Independent verdicts for tests/it/oracles.rs: python-stdnum (bank accounts, IBAN, national
identity numbers) and holidays (Norwegian public holidays). Reads the cases as JSON on stdin,
answers the verdicts as JSON on stdout."""

import datetime
import json
import sys

import holidays
from stdnum import iban
from stdnum.no import fodselsnummer, kontonr


def fnr_valid(number, today):
    # stdnum also refuses a birth date after the real today; the test has a fixed today, so
    # the birth date is compared with that one as well.
    if not fodselsnummer.is_valid(number):
        return False
    return fodselsnummer.get_birth_date(number) <= today


cases = json.load(sys.stdin)
today = datetime.date.fromisoformat(cases["today"])
answer = {
    "kontonr": [kontonr.is_valid(n) for n in cases["kontonr"]],
    "iban": [iban.is_valid(n) for n in cases["iban"]],
    "fnr": [fnr_valid(n, today) for n in cases["fnr"]],
    "holidays": {
        str(year): sorted(
            d.isoformat()
            for d in holidays.Norway(years=year, include_sundays=False).keys()
        )
        for year in cases["years"]
    },
}
json.dump(answer, sys.stdout)
