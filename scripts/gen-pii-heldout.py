#!/usr/bin/env python3
"""Generates goldens/pii/heldout/: a second labelled set the masker was not written
against, from other people's sentences and another fake-data library.

- pii.jsonl: the sentence templates of Microsoft's presidio-research data generator
  (`presidio-evaluator` 0.3.2 on PyPI, MIT licence, raw_data/templates.txt), those
  holding a phone number, card number, IBAN, SSN, e-mail or postal address, filled
  with Faker (MIT licence) values in five locales. Names, cities, companies and dates
  in the templates are filled too but not labelled: the masker does not hide them.
  A postal address is labelled whole (street, city and postcode), though the masker
  only knows street lines: its recall here is an honest lower figure.
- keep.jsonl: identifiers, codes and log values from Mimesis (MIT licence), another
  fake-data library: UUIDs, hex tokens, IPv4 with ports, IPv6, MAC addresses, version
  strings, prices, dates and times, EAN barcodes, ISBNs and ISSNs.

    ~/.cache/frontdesk/pii-venv/bin/pip install 'Faker==37.12.0' 'mimesis==22.2.0'
    ~/.cache/frontdesk/pii-venv/bin/pip download --no-deps -d /tmp/presidio 'presidio-evaluator==0.3.2'
    ~/.cache/frontdesk/pii-venv/bin/python scripts/gen-pii-heldout.py /tmp/presidio/presidio_evaluator-0.3.2-py3-none-any.whl
"""

import json
import random
import re
import sys
import zipfile
from pathlib import Path

from faker import Faker
from mimesis import Generic
from mimesis.locales import Locale

OUT = Path(__file__).resolve().parent.parent / "goldens" / "pii" / "heldout"
TEMPLATES = "presidio_evaluator/data_generator/raw_data/templates.txt"
LABELLED = {
    "phone_number": "phone",
    "credit_card_number": "card",
    "iban": "iban",
    "ssn": "national_id",
    "email": "email",
    "address": "address",
}
# filled but not labelled: the masker leaves names, places and dates alone
UNLABELLED = {
    "person", "first_name", "last_name", "name", "name_female", "name_male", "city",
    "country", "organization", "date_time", "year", "age", "job", "url", "day_of_week",
    "nationality", "postcode", "zipcode", "state_abbr", "prefix_male", "prefix_female",
    "first_name_male", "first_name_female", "last_name_male", "last_name_female",
}
LOCALES = ["en_US", "en_GB", "de_DE", "nl_NL", "fr_FR"]


def templates(wheel):
    with zipfile.ZipFile(wheel) as z:
        text = z.read(TEMPLATES).decode("utf-8", errors="replace")
    for line in text.splitlines():
        names = set(re.findall(r"{{(\w+)}}", line))
        if names & LABELLED.keys() and names <= LABELLED.keys() | UNLABELLED:
            yield line.replace("\\n", "\n").replace("\\,", ",").strip()


def value(fake, name):
    if name == "date_time":
        return str(fake.date_time())
    if name == "address":
        return fake.address().replace("\n", ", ")
    if name == "person":
        return fake.name()
    if name == "organization":
        return fake.company()
    if name == "age":
        return str(fake.random_int(18, 90))
    if name == "nationality":
        return fake.country()
    if name == "zipcode":
        return fake.postcode()
    if name == "year":
        return fake.year()
    if name == "ssn":
        return Faker("en_US").ssn()
    return str(getattr(fake, name)())


def fill(template, fake):
    text, spans, rest = "", [], template
    pos = 0
    for m in re.finditer(r"{{(\w+)}}", template):
        text += template[pos : m.start()]
        name = m.group(1)
        v = value(fake, name)
        start = len(text)
        text += v
        if name in LABELLED:
            spans.append({"start": start, "end": len(text), "type": LABELLED[name], "text": v})
        pos = m.end()
    text += template[pos:]
    return text, spans


def keep_rows():
    rng = random.Random(7)
    rows = []
    for i, loc in enumerate([Locale.EN, Locale.DE, Locale.NL, Locale.FR]):
        g = Generic(locale=loc, seed=100 + i)
        makers = {
            "uuid": lambda: f"session {g.cryptographic.uuid()} expired",
            "hex_token": lambda: f"token {g.cryptographic.token_hex(rng.choice([8, 16, 32]))} revoked",
            "ip": lambda: rng.choice([f"peer {g.internet.ip_v4_with_port()} closed",
                                      f"from {g.internet.ip_v6()}"]),
            "mac": lambda: f"device {g.internet.mac_address()} joined",
            "version": lambda: f"running version {g.development.version()}",
            "price": lambda: f"total {g.finance.price()} {g.finance.currency_iso_code()}",
            "date_time": lambda: rng.choice([f"at {g.datetime.formatted_datetime()}",
                                             f"on {g.datetime.formatted_date()}",
                                             f"at {g.datetime.formatted_time()}"]),
            "ean": lambda: f"barcode {g.code.ean()}",
            "isbn": lambda: f"ISBN {g.code.isbn()}",
            "issn": lambda: f"ISSN {g.code.issn()}",
        }
        for kind, make in makers.items():
            for _ in range(8):
                rows.append((kind, make()))
    return rows


def main():
    wheel = sys.argv[1] if len(sys.argv) > 1 else sys.exit(__doc__)
    OUT.mkdir(parents=True, exist_ok=True)
    found = list(templates(wheel))
    n = 0
    with open(OUT / "pii.jsonl", "w", encoding="utf-8") as f:
        for i, loc in enumerate(LOCALES):
            fake = Faker(loc)
            fake.seed_instance(5000 + i)
            for template in found:
                for _ in range(2):
                    text, spans = fill(template, fake)
                    n += 1
                    f.write(json.dumps({"id": f"heldout-{n:04}", "text": text, "spans": spans},
                                       ensure_ascii=False) + "\n")
    with open(OUT / "keep.jsonl", "w", encoding="utf-8") as f:
        for m, (kind, text) in enumerate(keep_rows(), 1):
            f.write(json.dumps({"id": f"heldout-keep-{m:04}", "kind": kind, "text": text},
                               ensure_ascii=False) + "\n")
    print(f"{len(found)} templates, {n} sentences")


if __name__ == "__main__":
    main()
