"""Independent verdicts for tests/it/oracles.rs on KIDs and organisation numbers: norwegian-numbers
(`verify_kid_number`, MOD10 and MOD11) and python-stdnum (`luhn` for MOD10, `no.orgnr`). Reads the
cases as JSON on stdin, answers the verdicts as JSON on stdout."""

import json
import sys

from norwegian_numbers import verify_kid_number
from stdnum import luhn
from stdnum.no import orgnr

cases = json.load(sys.stdin)
json.dump(
    {
        "mod10": [verify_kid_number(k, "MOD10") for k in cases["mod10"]],
        "luhn": [luhn.is_valid(k) for k in cases["mod10"]],
        "mod11": [verify_kid_number(k, "MOD11") for k in cases["mod11"]],
        "orgnr": [orgnr.is_valid(n) for n in cases["orgnr"]],
    },
    sys.stdout,
)
