#!/usr/bin/env python3
"""Generates goldens/pii/: labelled sentences for `agentctl bench pii`.

- pii.jsonl: sentences holding personal data, each with the character spans of every
  e-mail address, phone number, card number, IBAN, national id (US SSN, Dutch BSN) and
  street address in it. Values come from Faker (MIT licence, https://faker.readthedocs.io)
  in five locales; the sentence templates are written here.
- keep.jsonl: sentences that must come out of the masker unchanged: UUIDs, request
  and thread ids, order numbers in several shops' formats, parcel tracking numbers
  (DHL, UPS, USPS, Royal Mail, DPD, FedEx), SKUs, prices, dates and times, version
  strings and IP addresses in log lines.

Deterministic (fixed seeds), so a re-run reproduces the committed files:

    python3 -m venv ~/.cache/frontdesk/pii-venv
    ~/.cache/frontdesk/pii-venv/bin/pip install 'Faker==37.12.0'
    ~/.cache/frontdesk/pii-venv/bin/python scripts/gen-pii-goldens.py
"""

import json
import random
import string
import uuid
from pathlib import Path

from faker import Faker

OUT = Path(__file__).resolve().parent.parent / "goldens" / "pii"
LOCALES = ["en_US", "en_GB", "de_DE", "nl_NL", "fr_FR"]
rng = random.Random(20261203)
fakers = {}
for i, loc in enumerate(LOCALES):
    fakers[loc] = Faker(loc)
    fakers[loc].seed_instance(1000 + i)


def fill(template, **values):
    """The sentence and its spans: `{phone}` in the template becomes a labelled span."""
    text, spans, rest = "", [], template
    while "{" in rest:
        before, _, after = rest.partition("{")
        name, _, rest = after.partition("}")
        text += before
        kind, value = values[name]
        start = len(text)
        text += value
        if kind:
            spans.append({"start": start, "end": len(text), "type": kind, "text": value})
    return text + rest, spans


# ---------------------------------------------------------------- the values


def phone(loc):
    return fakers[loc].phone_number()


def email(loc):
    f = fakers[loc]
    return rng.choice([f.email(), f.free_email(), f.company_email(), f.ascii_safe_email()])


def card():
    kind = rng.choice(["visa16", "visa16", "mastercard", "amex", "discover", "visa13"])
    number = fakers["en_US"].credit_card_number(card_type=kind)
    style = rng.choice(["plain", "spaces", "dashes"])
    if style == "plain" or len(number) not in (15, 16):
        return number
    sep = " " if style == "spaces" else "-"
    if len(number) == 15:  # American Express prints 4-6-5
        return sep.join([number[:4], number[4:10], number[10:]])
    return sep.join(number[i : i + 4] for i in range(0, 16, 4))


def iban():
    loc = rng.choice(LOCALES)
    value = fakers[loc].iban()
    if rng.random() < 0.5:
        value = " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return value


def ssn():
    return fakers["en_US"].ssn()


def bsn():
    return fakers["nl_NL"].ssn()


def address(loc):
    return fakers[loc].street_address().replace("\n", ", ")


# ------------------------------------------------------------- PII sentences

PHONE_TEMPLATES = {
    "en_US": ["You can call me at {p} after 5pm.", "My number is {p}", "phone: {p}",
              "Please text {p} when the courier is close.", "Reach me on {p}, thanks!"],
    "en_GB": ["Ring me on {p} please.", "My mobile is {p}", "Best number to reach me: {p}.",
              "Could someone call {p} about my return?", "tel {p}"],
    "de_DE": ["Bitte rufen Sie mich unter {p} an.", "Meine Telefonnummer ist {p}.",
              "Erreichbar unter {p} ab 18 Uhr", "Handy: {p}", "Call me back on {p}"],
    "nl_NL": ["Bel mij op {p} alstublieft.", "Mijn telefoonnummer is {p}",
              "U kunt mij bereiken op {p}.", "mobiel {p}", "Please call {p} tomorrow"],
    "fr_FR": ["Vous pouvez m'appeler au {p}.", "Mon numéro est le {p}",
              "Appelez-moi au {p} svp", "tél. {p}", "My phone number is {p}."],
}
EMAIL_TEMPLATES = [
    "My email is {e}", "please reply to {e} instead", "I ordered with {e} last week.",
    "Can you update my address to {e}?", "contact: {e}", "Send the invoice to {e}, thanks",
    "lookup failed email={e} reason=not_found", "({e})", "Mail an {e} bitte",
    "Mijn e-mailadres is {e}.",
]
CARD_TEMPLATES = [
    "I paid with card {c} and was charged twice.", "my card number is {c}",
    "Card: {c} exp 09/28", "charge it to {c} please",
    "The payment on {c} failed.", "Meine Kreditkarte {c} wurde belastet",
    "Ma carte {c} a été débitée deux fois.",
]
IBAN_TEMPLATES = [
    "Please refund to {i}", "My IBAN is {i}.", "IBAN: {i}", "Bitte auf {i} überweisen.",
    "Stort het bedrag terug op {i} aub", "refund account {i} (Mr Smith)",
    "Remboursez sur le compte {i} merci",
]
SSN_TEMPLATES = [
    "My SSN is {n}.", "social security number {n}", "SSN: {n}",
    "They asked for my social security number ({n}) on the form", "ssn {n} is on file",
]
BSN_TEMPLATES = [
    "Mijn BSN is {n}.", "BSN: {n}", "burgerservicenummer {n}",
    "My Dutch BSN {n} is on the invoice by mistake", "bsn {n}",
]
ADDRESS_TEMPLATES = {
    "en_US": ["Ship it to {a}, please.", "My address is {a}", "I moved to {a} last month.",
              "deliver to {a}"],
    "en_GB": ["Please send it to {a}.", "My address: {a}", "Could you deliver to {a}?"],
    "de_DE": ["Bitte an {a} liefern.", "Meine Adresse ist {a}.", "Lieferadresse: {a}"],
    "nl_NL": ["Stuur het naar {a} aub.", "Mijn adres is {a}.", "Bezorgadres: {a}"],
    "fr_FR": ["Livrez à l'adresse {a} svp", "Mon adresse est {a}."],
}
MIXED_TEMPLATES = [
    "Order {o}: please call {p} or mail {e}.",
    "Refund order {o} to {i} please",
    "I paid for {o} with {c}, tracking {t} never moved.",
    "Name on order {o}, phone {p}, parcel {t}",
    "request_id={r} customer={e} phone={p}",
]


def pii_rows():
    rows = []
    for loc in LOCALES:
        for _ in range(34):
            t = rng.choice(PHONE_TEMPLATES[loc])
            rows.append(fill(t, p=("phone", phone(loc))))
    for _ in range(110):
        rows.append(fill(rng.choice(EMAIL_TEMPLATES), e=("email", email(rng.choice(LOCALES)))))
    for _ in range(90):
        rows.append(fill(rng.choice(CARD_TEMPLATES), c=("card", card())))
    for _ in range(90):
        rows.append(fill(rng.choice(IBAN_TEMPLATES), i=("iban", iban())))
    for _ in range(35):
        rows.append(fill(rng.choice(SSN_TEMPLATES), n=("national_id", ssn())))
    for _ in range(35):
        rows.append(fill(rng.choice(BSN_TEMPLATES), n=("national_id", bsn())))
    for loc in LOCALES:
        for _ in range(14):
            rows.append(fill(rng.choice(ADDRESS_TEMPLATES[loc]), a=("address", address(loc))))
    for _ in range(60):
        loc = rng.choice(LOCALES)
        rows.append(fill(
            rng.choice(MIXED_TEMPLATES),
            o=(None, order_number()), t=(None, tracking()[1]), r=(None, str(uuid.UUID(int=rng.getrandbits(128)))),
            p=("phone", phone(loc)), e=("email", email(loc)), c=("card", card()), i=("iban", iban()),
        ))
    return rows


# ---------------------------------------------------------- must-stay values


def digits(n):
    return "".join(rng.choice(string.digits) for _ in range(n))


def upper(n):
    return "".join(rng.choice(string.ascii_uppercase) for _ in range(n))


def alnum(n):
    return "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(n))


def hexs(n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def order_number():
    return rng.choice([
        f"#W{digits(7)}", f"W{digits(7)}", f"CK-{digits(5)}", f"{digits(3)}-{digits(7)}",
        f"WC-{digits(5)}", f"#{digits(4)}", digits(4), f"ORD-2026-{digits(6)}",
        f"{upper(2)}{digits(8)}", f"#{digits(5)}-{digits(2)}", f"S{digits(9)}",
    ])


def tracking():
    carrier, number = rng.choice([
        ("DHL", lambda: f"JJD{digits(18)}"),
        ("DHL", lambda: f"00340434{digits(12)}"),
        ("DHL Express", lambda: digits(10)),
        ("UPS", lambda: f"1Z{alnum(6)}{digits(10)}"),
        ("USPS", lambda: f"9400{digits(18)}"),
        ("USPS", lambda: " ".join(("9205" + digits(18))[i : i + 4] for i in range(0, 22, 4))),
        ("Royal Mail", lambda: f"{upper(2)}{digits(9)}GB"),
        ("DPD", lambda: digits(14)),
        ("FedEx", lambda: digits(12)),
        ("GLS", lambda: digits(11)),
        ("PostNL", lambda: f"3S{upper(4)}{digits(9)}"),
    ])
    return carrier, number()


def request_id():
    return rng.choice([
        str(uuid.UUID(int=rng.getrandbits(128))),
        f"req_{hexs(24)}",
        hexs(32),
        "01" + "".join(rng.choice("0123456789ABCDEFGHJKMNPQRSTVWXYZ") for _ in range(24)),
    ])


def uuid_v7():
    """A time-ordered UUID as agentd gives threads and requests."""
    ms = rng.randrange(1_700_000_000_000, 1_900_000_000_000)
    value = (ms << 80) | (0x7 << 76) | (rng.getrandbits(12) << 64) | (0b10 << 62) | rng.getrandbits(62)
    return str(uuid.UUID(int=value))


def price():
    return rng.choice([
        f"{rng.randrange(1, 999)}.{digits(2)} EUR", f"${rng.randrange(1, 9)},{digits(3)}.{digits(2)}",
        f"€ {rng.randrange(1, 9)}.{digits(3)},{digits(2)}", f"£{rng.randrange(1, 500)}.{digits(2)}",
        f"{rng.randrange(10, 99999)} cents",
    ])


def date_time():
    y, mo, d = rng.randrange(2020, 2031), rng.randrange(1, 13), rng.randrange(1, 29)
    h, mi, s = rng.randrange(0, 24), rng.randrange(0, 60), rng.randrange(0, 60)
    return rng.choice([
        f"{y}-{mo:02}-{d:02}", f"{d:02}/{mo:02}/{y}", f"{d:02}.{mo:02}.{y} {h:02}:{mi:02}",
        f"{y}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{digits(6)}Z", f"{mo}/{d}/{y} {h:02}:{mi:02}",
        f"{y}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}", f"{h:02}:{mi:02}:{s:02}",
        f"{d:02}-{mo:02}-{y}", f"{y}{mo:02}{d:02}",
    ])


def version():
    return rng.choice([
        f"v{rng.randrange(0, 20)}.{rng.randrange(0, 40)}.{rng.randrange(0, 200)}",
        f"{rng.randrange(0, 20)}.{rng.randrange(0, 40)}.{rng.randrange(0, 200)}",
        f"{rng.randrange(2020, 2027)}.{rng.randrange(1, 13)}.{rng.randrange(1, 31)}",
        f"{rng.randrange(1, 200)}.0.{rng.randrange(1000, 9999)}.{rng.randrange(10, 200)}",
    ])


def ip():
    return rng.choice([
        f"{rng.randrange(1, 224)}.{rng.randrange(0, 256)}.{rng.randrange(0, 256)}.{rng.randrange(1, 255)}",
        f"10.{rng.randrange(0, 256)}.{rng.randrange(0, 256)}.{rng.randrange(1, 255)}:{rng.randrange(1024, 65535)}",
        f"2001:db8:{hexs(4)}:{hexs(4)}::{hexs(3)}",
        f"[2a02:{hexs(4)}:{hexs(3)}:{rng.randrange(1, 99)}::{rng.randrange(1, 9999)}]:443",
    ])


def sku():
    return rng.choice([
        f"SKU-{upper(3)}-{digits(4)}", f"{upper(2)}-{digits(2)}-{upper(3)}", f"{digits(6)}-{digits(3)}",
        f"EAN {digits(13)}", f"ART{digits(7)}", f"{upper(3)}{digits(5)}{upper(1)}",
    ])


KEEP = {
    "uuid": lambda: rng.choice([
        f"thread {uuid_v7()} was handed to a person",
        f"GET /api/agent/thread/{uuid_v7()}/events 200",
        f"customer {str(uuid.UUID(int=rng.getrandbits(128)))} opened a session",
        f"INFO request{{request_id={uuid_v7()}}}: finished in 12 ms",
    ]),
    "request_id": lambda: rng.choice([
        f"request_id={request_id()} status=200 latency_ms={rng.randrange(1, 900)}",
        f"x-request-id: {request_id()}",
        f"trace {hexs(32)} span {hexs(16)}",
        f"session {hexs(64)} rotated",
    ]),
    "order": lambda: rng.choice([
        f"Where is my order {order_number()}?", f"order {order_number()} was shipped",
        f"Bestellung {order_number()} ist noch nicht da", f"get_order order_id={order_number()}",
        f"I was charged twice for order {order_number()}",
    ]),
    "tracking": lambda: (lambda c, n: rng.choice([
        f"Your {c} tracking number is {n}.", f"{c} parcel {n} is out for delivery",
        f"tracking={n} carrier={c}", f"Sendungsnummer {n} ({c})",
        f"The {c} shipment {n} has been delivered.",
    ]))(*tracking()),
    "sku": lambda: rng.choice([f"SKU {sku()} is out of stock", f"item {sku()} x2", f"product_id={sku()}"]),
    "price": lambda: rng.choice([f"It costs {price()}", f"refund of {price()} issued", f"total {price()} incl. VAT"]),
    "date_time": lambda: rng.choice([f"delivered on {date_time()}", f"{date_time()} WARN slow query",
                                     f"Lieferung am {date_time()}", f"due {date_time()}"]),
    "version": lambda: rng.choice([f"agentd {version()} starting", f"OpenBLAS {version()}",
                                   f"upgraded plugin to {version()}", f"pgvector {version()} installed"]),
    "ip": lambda: rng.choice([f"client_ip={ip()} path=/api/agent/session", f"connection from {ip()}",
                              f"rate limited {ip()} (12/min)"]),
}
KEEP_COUNTS = {"uuid": 50, "request_id": 40, "order": 50, "tracking": 70, "sku": 20,
               "price": 20, "date_time": 30, "version": 20, "ip": 20}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "pii.jsonl", "w", encoding="utf-8") as f:
        for n, (text, spans) in enumerate(pii_rows(), 1):
            for s in spans:
                assert text[s["start"]:s["end"]] == s["text"]
            f.write(json.dumps({"id": f"pii-{n:04}", "text": text, "spans": spans}, ensure_ascii=False) + "\n")
    with open(OUT / "keep.jsonl", "w", encoding="utf-8") as f:
        n = 0
        for kind, count in KEEP_COUNTS.items():
            for _ in range(count):
                n += 1
                f.write(json.dumps({"id": f"keep-{n:04}", "kind": kind, "text": KEEP[kind]()}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
