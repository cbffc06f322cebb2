#!/usr/bin/env python3
"""Generates goldens/shops/ridgeline/: a second fictional shop for `agentctl bench answers`.

Ridgeline Outfitters is an invented online outdoor-gear shop in Galway, Ireland, that
ships to Ireland, the EU, the UK and the US and charges in euros. It deliberately
shares no facts, names or wording with the demo shop (demo/, Copper & Kettle).

Writes, after deleting what a previous run wrote:

- kb/help/*.md, kb/help/es/*.md: hand-written help and policy pages (the text is
  below, as data). URL styles differ on purpose (/help/, /policies/, /pages/ with
  `kind: policy`, /es/ayuda/ with `lang: es`) so that kind detection can be tested.
- kb/products/*.md: product pages generated from per-category templates.
- orders.jsonl: orders in the format of `agentctl orders import` (see demo/orders.jsonl),
  with order ids in seven different shapes.
- questions.jsonl: labelled customer questions (see README.md in the output folder).
- README.md.

Standard library only, fixed seed: a re-run reproduces the same files.

    python3 scripts/gen-shop-goldens.py

The script validates what it writes (facts verbatim in their sources, order questions
against orders.jsonl, banned words of unanswerable questions absent from the whole
knowledge base, counts, sizes) and exits non-zero if anything is off.
"""

import json
import random
import re
import shutil
import sys
from pathlib import Path

SEED = 20261214
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "goldens" / "shops" / "ridgeline"
SITE = "https://ridgeline.example"
MAX_BYTES = 700 * 1024

rng = random.Random(SEED)

# ---------------------------------------------------------------------------------
# Help and policy pages. style: "help" -> /help/<slug>, "policies" -> /policies/<slug>,
# "pages" -> /pages/<slug> plus `kind: policy`, "es" -> /es/ayuda/<slug> plus `lang: es`.
# ---------------------------------------------------------------------------------

HELP = []


def page(slug, style, title, body):
    HELP.append({"slug": slug, "style": style, "title": title, "body": body.strip() + "\n"})


page("returns", "policies", "Returns policy", """
# Returns policy

Bought a tent that turned out bigger than you pictured, or a jacket in a colour you've
gone off? Most things can come back to us within **45 days** of the day your parcel was
delivered. The clock starts on the delivery date in your tracking, not the order date.

## What condition does my return need to be in?

Items must be unused. Opening the box, trying boots on indoors, or pitching a tent in the
living room to check the floor space is fine. Gear that has been out on the hill can't
come back as a change of mind: that means footwear with dirty soles, sleeping bags that
have been slept in, stoves that have been lit and water filters that have had water
through them. If something is faulty, our warranty page explains what to do instead.

## Is there anything I can't send back?

- Gas and liquid fuel canisters
- Climbing rope cut to a custom length
- Items bought in the Outlet, which are final sale
- Gift cards

## How much does return postage cost?

| Sending from | How | Cost |
|---|---|---|
| Ireland | Prepaid An Post label | Free |
| EU countries | Prepaid DPD label | €6.50, deducted from your refund |
| United Kingdom | Prepaid DPD label | €8.95, deducted from your refund |
| United States | Your own tracked service | Paid by you |

## How do I start a return?

Sign in, open **Orders** and choose **Start a return**. Guests can use the returns
portal with their order number and email address. Print the label, put the returns slip
in the box and drop it at the carrier. Refund timing is covered on our refunds page.
""")

page("refunds", "policies", "Refunds", """
# Refunds

## When will I get my money back?

Our returns team checks every parcel within **5 working days** of it reaching the
Galway warehouse. As soon as the check is done we email you and release the refund the
same day. Your bank or card issuer then usually needs another 3 to 10 working days to
show it on your statement, so please allow for that before chasing it.

## Where does the refund go?

Always to the payment method you used. Anything paid with a Ridgeline gift card goes
back onto that gift card, so it can be spent again. Klarna payments are reduced or
cancelled in your Klarna account, and PayPal refunds normally appear within 24 hours
of us sending them.

## Do you refund the delivery charge?

If you send back the whole order within **14 days** of delivery, we also refund the
standard delivery charge you paid. Express upgrades are never refunded, and the cost of
a return label (see the returns policy) is still deducted.

## Why is my refund less than I expected?

A refund can be lower than the price you paid when a return label was deducted, when
parts or accessories are missing (tent pegs, stuff sacks, spare cartridges), or when an
item shows signs of use. We always explain a deduction in the refund email, and you can
reply to it if you think we got it wrong.
""")

page("final-sale", "policies", "Outlet and final-sale items", """
# Outlet and final-sale items

The Outlet holds end-of-line colours, last season's models, traded-in gear we have
cleaned and repaired, and B-grade items with small cosmetic marks. Prices are reduced
by **up to 60%** compared with the original price.

## Can I return or exchange an Outlet item?

No. Everything bought in the Outlet is **final sale**: it can't be returned for a change
of mind and it can't be exchanged for another size or colour. Please check the size
guides and the item description carefully before you order.

## What if an Outlet item turns out to be faulty?

Your legal rights still apply. A fault that wasn't described in the listing is covered by
the 2-year legal guarantee like any other purchase. Cosmetic marks that are described
on a B-grade listing (a scuffed buckle, a faded logo) are not faults.

## How can I tell that an item is final sale?

Outlet products carry an orange **Outlet** label on the product page, the basket shows
"Final sale" next to them, and your order confirmation lists them separately.

## Do discounts apply to Outlet prices?

Discount codes, the student discount and pro-deal pricing don't apply to Outlet items.
You do still earn Basecamp Club points on them.
""")

page("customs-and-duties", "policies", "Customs, duties and VAT outside the EU", """
# Customs, duties and VAT outside the EU

## Will I pay import charges on an order to Great Britain?

No. For deliveries to England, Scotland and Wales we charge UK VAT at **20%** at
checkout instead of Irish VAT, and we pay any import charges ourselves. Parcels travel
**Delivered Duty Paid**, so the courier will never ask you for money at the door.
Orders to Northern Ireland go through no customs formalities at all.

## What about orders to the United States?

US orders travel **Delivered Duty Unpaid**. Irish VAT (**23%**) is removed from the
price at checkout, but any import duties, taxes and the carrier's brokerage fee are
charged to you by UPS or DHL, usually by email or text before they deliver. The amount
depends on the type of product: clothing and footwear typically attract more duty than
hardware such as stoves and carabiners.

## What happens if I refuse to pay the charges?

The carrier sends the parcel back to us. Once it arrives we refund the items, minus
the original shipping cost and any return charge the carrier bills us.

## Can I get duties back if I return something?

We refund the price you paid us. Duties and taxes paid to UPS or DHL have to be
reclaimed from them; on request we email the export paperwork you need for the claim.
""")

page("payment-methods", "policies", "Payment methods", """
# Payment methods

Prices on Ridgeline Outfitters are shown and charged in euros. They include Irish VAT
unless your delivery address is outside the EU.

## How can I pay?

You can pay with any of the following at checkout:

- Visa, Mastercard and American Express (credit and debit cards)
- PayPal
- Apple Pay and Google Pay
- Klarna Pay in 3, for deliveries to Ireland, Germany, Austria and the Netherlands
- iDEAL, for customers who bank in the Netherlands
- Bancontact, for customers in Belgium
- Revolut Pay
- Ridgeline gift cards, which can be combined with one other method

## When is the money taken?

Card payments are authorised when you order and captured once the parcel is
dispatched. Pre-orders and back-ordered items are charged only when they ship. PayPal,
iDEAL, Bancontact and Revolut Pay take the money straight away, and we refund
automatically if anything is cancelled.

## Why was my payment declined?

Most declines come from the security check your bank runs: approve the request in
your banking app when it appears. If the payment still fails, try another method. An
order whose payment isn't completed moves to on-hold and we email you a link to finish
paying.

## Can I pay by bank transfer?

Only approved club and school accounts can pay by bank transfer; see the wholesale
page.
""")

page("price-match", "policies", "Price match promise", """
# Price match promise

## Will you match a lower price?

Yes. If you find the identical item (same model, colour and size) for less at another
retailer based in Ireland or the UK, in stock and deliverable to you, we'll match it.
Send us the link by chat before you order and we adjust the price, or tell us within
**7 days** after ordering and we refund the difference to your original payment method.
UK prices are converted to euros at that day's rate.

## Which prices can't be matched?

- Marketplace sellers and auction sites
- Clearance, liquidation or members-only prices
- Prices that depend on a voucher code or a bundle
- Our own Outlet items and rentals

## Can I combine a price match with another discount?

No. A price-matched item can't also get a discount code, the student discount or
pro-deal pricing. It still earns Basecamp Club points.

## What if you lower your own price after I order?

If our own price drops within 7 days of your order, contact us and we'll refund the
difference as well.
""")

page("warranty", "policies", "Warranty and faulty items", """
# Warranty and faulty items

## How long is my gear covered against faults?

Everything we sell carries the **2-year legal guarantee**, counted from the day it was
delivered. If a zip fails, a seam leaks or a stove regulator stops working in that time
because of a defect, we repair it, replace it or refund it, whichever makes sense for
the item.

## What doesn't count as a fault?

Normal wear and tear isn't a defect: worn heel linings after heavy use, abrasion on the
base of a pack, or a membrane that has lost its performance because boots were dried
on a radiator. Damage from accidents, animals, alterations or misuse isn't covered
either, and nor is UV damage to a tent left pitched for weeks at a time.

## How do I make a claim?

Fill in the fault form under **Orders** with your order number, a short description and
a few photos. We reply within **2 working days**. If we need to see the item, we email a
free prepaid label from any country we deliver to.

## What happens after the two years are up?

Our paid repair service can still fix most problems, and Ridgeline-branded backpacks are
covered for longer by the Ridgeline Lifetime Guarantee.
""")

page("privacy", "policies", "Privacy policy", """
# Privacy policy

Ridgeline Outfitters Ltd, Galway, is the data controller for personal data collected
through ridgeline.example and our support channels.

## What information do you collect?

Your name, delivery and billing addresses, email address and phone number; your order,
return and repair history; confirmation of payment from our payment providers (never
your full card number); chat and email conversations with our team; and, if you agree,
how you use our website.

## Who do you share it with?

Carriers (An Post, DPD, DHL and UPS) get what they need to deliver. Payment providers
process your payment. Our email service sends the newsletter if you signed up. We never
sell personal data to anyone.

## How long do you keep it?

Order and invoice records are kept for **6 years** because Irish tax law requires it.
Chat and email transcripts are deleted after **18 months**. Newsletter data is kept
until you unsubscribe.

## What are my rights?

You can ask for a copy of your data, correct it, object to its use or ask us to delete
it. Email privacy@ridgeline.example and we reply within one month. You can also complain
to the Data Protection Commission.
""")

page("lifetime-guarantee", "pages", "Ridgeline Lifetime Guarantee", """
# Ridgeline Lifetime Guarantee

## What does the lifetime guarantee cover?

Every backpack sold under our own Ridgeline label, daypacks and trekking packs alike, is
guaranteed against defects in materials and workmanship for the **life of the pack**.
Stitching that lets go, a buckle that cracks in the cold, a frame sheet that splits:
we fix it free of charge, including postage both ways.

## Which products are included?

**Only backpacks.** Ridgeline tents, jackets, sleeping bags and other own-brand gear have
the standard 2-year legal guarantee. Packs from other brands that we sell are covered
by their maker's warranty, which is listed on the product page.

## What isn't covered?

Accidental damage, damage caused by airline baggage handling, chewing by animals,
alterations, and fabric that has simply worn through after years of hard use. For those
we offer repairs at our normal prices.

## How do I claim?

Use the fault form under **Orders**, or email us a photo of the woven serial label
inside the lid if you no longer have the order. If a pack can't be repaired we replace
it with the nearest current model. The guarantee covers the **original owner** only.
""")

page("delete-my-data", "pages", "Deleting your account and data", """
# Deleting your account and data

## How do I ask you to delete my data?

Use **Delete my data** in your account settings, or email privacy@ridgeline.example from
the address on your account. To make sure the request really comes from you, we send a
confirmation link that stays valid for 7 days.

## How long does deletion take?

We finish within **30 days** of you confirming, and email you when it's done. Marketing
emails stop straight away.

## Is there anything you have to keep?

Yes. Invoices and order records stay for the period tax law requires (see the privacy
policy), and an open warranty claim or repair keeps its details until it's closed.
Everything else, including your addresses, saved sizes and chat history, is removed.

## What happens to my points and gift cards?

Basecamp Club points are lost when the account is deleted, so spend them first. Gift
card balances aren't tied to an account: keep the code and it still works after your
account is gone.
""")

page("terms-of-sale", "pages", "Terms of sale", """
# Terms of sale

These terms apply to every order placed on ridgeline.example with Ridgeline Outfitters
Ltd, a company registered in Ireland.

## When is the contract made?

The email you receive right after checkout only confirms that we got your order. The
contract is made when we email to say the order has been **dispatched**. Until then we
may cancel an order, for example if an item is out of stock, and refund you in full.

## What if a price on the website is wrong?

If we spot an obvious pricing mistake before dispatch, we contact you and you choose
between buying at the correct price or cancelling. We never charge more than the price
you saw without asking.

## Your cooling-off rights

EU consumer law gives you 14 days to withdraw from an online purchase. Our returns
policy goes further, with a longer window, and it doesn't affect your statutory rights
for faulty goods.

## Which law applies?

These terms are governed by **Irish law**. If you live elsewhere in the EU you keep the
consumer protections of your own country, and you can bring a claim in your local
courts.
""")

page("cookies", "pages", "Cookie policy", """
# Cookie policy

## What cookies do you use?

| Type | What it does | Can you switch it off? |
|---|---|---|
| Essential | Keeps your basket, sign-in and checkout working securely | No |
| Analytics | Counts visits and shows which pages people use | Yes |
| Marketing | Measures whether our adverts lead to visits | Yes |

We only set analytics and marketing cookies after you accept them in the banner.

## How long do cookies last?

We remember your consent choice for **6 months**, then ask again. Analytics cookies
expire after **13 months** at most; marketing cookies after 90 days. Essential cookies
mostly end when you close the browser.

## How do I change my choice?

Click **Cookie settings** in the footer of any page. You can switch each type on or off,
and the change takes effect immediately. Clearing your browser's cookies also resets
your choice, so you'll see the banner again.
""")

page("exchanges", "help", "Exchanging for another size or colour", """
# Exchanging for another size or colour

## Can I swap an item for a different size or colour?

Yes, within the same 45-day window as returns, as long as the item is unused. Go to
**Orders**, choose **Start a return** and pick **Exchange** instead of refund. We set the
replacement aside for you and send it as soon as the carrier scans your parcel, so you
don't have to wait for the return to reach Galway.

## What does an exchange cost?

The replacement always **ships free** by standard delivery. Sending the original back is
free from Ireland; from elsewhere the usual return label price applies and is charged
when we send the replacement.

## Can I exchange for a different product?

Exchanges are for the same product in another size or colour. If you'd like something
else, return the item for a refund and place a new order. That way you also get the
current price of the new item.

## Are there any limits?

There is **one exchange per item**: if the second size doesn't fit either, return it for
a refund. Outlet items can't be exchanged at all. If the size you want is out of stock,
we'll offer a back-order or a refund.
""")

page("shipping-ireland", "help", "Delivery in Ireland", """
# Delivery in Ireland

Orders placed before **13:00 Irish time** on a working day leave our Galway warehouse
the same day. Orders placed later, or at the weekend, go out on the next working day.

## Which delivery options are there?

| Service | Carrier | Delivery time | Cost |
|---|---|---|---|
| Standard | An Post | 2–3 working days | €4.95, free over €60 |
| Next Day | DPD Ireland | Next working day | €8.95 |
| Northern Ireland | DPD Ireland | 2–3 working days | €6.95, free over €60 |

Next Day is available for orders placed by 13:00 and doesn't change the fuel rules on
our stove fuel page.

## Do you deliver to the islands?

Yes. Addresses on offshore islands, such as the Aran Islands, Clare Island or Tory,
are delivered by An Post standard and usually take one or two working days longer. Next
Day isn't available there.

## Do I need an Eircode?

Yes, please enter your Eircode at checkout. Carriers route parcels by it, and a missing
or wrong Eircode is the most common reason for a delayed delivery in rural areas.
""")

page("shipping-eu", "help", "Delivery to EU countries", """
# Delivery to EU countries

We deliver from Galway to every other EU member state. There are no customs checks
within the EU, and prices include VAT at the rate of your country, which is worked out
at checkout.

## How much does delivery to the EU cost?

| Region | Carrier | Delivery time | Cost |
|---|---|---|---|
| France, Germany, Belgium, Netherlands, Luxembourg | DPD Classic | 3–4 working days | €9.95 |
| Spain, Portugal, Italy, Austria, Denmark | DPD Classic | 4–6 working days | €11.95 |
| All other EU countries | DPD Classic | 5–8 working days | €14.95 |
| Any EU country, express | DHL Express | 1–3 working days | €24.95 |

Standard delivery to any EU country is free on orders over €120.

## Can I choose when DPD delivers?

On the morning of delivery DPD emails and texts you a **one-hour** time window. From
that message you can move the delivery to another day, ask for it to be left with a
neighbour, or choose a safe place.

## Can everything be sent to the EU?

Almost everything. Gas and liquid fuel canisters are the exception: they only travel
within the Republic of Ireland, as explained on our stove fuel page.
""")

page("shipping-uk", "help", "Delivery to the United Kingdom", """
# Delivery to the United Kingdom

## What are the delivery options for the UK?

| Region | Carrier | Delivery time | Cost |
|---|---|---|---|
| England, Scotland, Wales | DPD UK | 3–5 working days | €12.95 |
| Scottish Highlands and islands | DPD UK | 5–7 working days | €16.95 |
| Great Britain, express | DHL Express | 1–2 working days | €22.95 |
| Northern Ireland | DPD Ireland | 2–3 working days | €6.95 |

Standard delivery to Great Britain is free on orders over **€150**. Northern Ireland
follows the Irish threshold of €60.

## Will I have to pay anything when the parcel arrives?

No. UK VAT is added at checkout and we take care of import charges, so nothing is
collected at the door. The customs page has the details.

## Is there anything you can't send to the UK?

Fuel canisters can't go to any UK address, Northern Ireland included, because they are
carried as dangerous goods by road within the Republic of Ireland only. Stoves
themselves ship normally.
""")

page("shipping-us", "help", "Delivery to the United States", """
# Delivery to the United States

## How much is delivery to the US?

| Service | Carrier | Delivery time | Cost |
|---|---|---|---|
| Standard | UPS Worldwide Expedited | 4–7 business days | €24.95 |
| Express | DHL Express | 2–4 business days | €39.95 |

Standard delivery is free on orders over **€250**. Delivery times count from dispatch
and don't include any time a parcel spends in customs.

## Do you deliver to Alaska and Hawaii?

Yes, both services deliver there; allow **2 extra business days**. We can't deliver to
US territories such as Puerto Rico or Guam at the moment.

## Will I pay duties?

Possibly. US orders travel Delivered Duty Unpaid: Irish VAT is taken off at checkout,
and UPS or DHL collect any import charges from you. See the customs page for how it
works.

## Can I be charged in dollars?

No, we charge in euros only. Your card issuer converts the amount, and some add a
foreign transaction fee.
""")

page("free-shipping", "help", "Free delivery thresholds", """
# Free delivery thresholds

## When is standard delivery free?

| Destination | Free standard delivery on orders over |
|---|---|
| Ireland | €60 |
| Northern Ireland | €60 |
| EU countries | €120 |
| Great Britain | €150 |
| United States | €250 |

The threshold is checked automatically in the basket, which also shows how much more
you'd need to add.

## What counts towards the threshold?

The value of the items after any discounts. Gift cards and rentals don't count. If you
later return part of an order and the rest falls below the threshold, **we don't charge
delivery** afterwards: free is free.

## Is express delivery ever free?

No. Next Day in Ireland and DHL Express elsewhere are always charged at the full rate,
whatever the order value. If you qualify for free standard delivery, the express price
is shown as the full amount rather than the difference.

## Why wasn't my order free when it looked like enough?

Usually because a discount code took the item total below the threshold, or because a
gift card in the basket was counted out. Contact us if neither explains it.
""")

page("express-delivery", "help", "Express and next-day delivery", """
# Express and next-day delivery

## How quickly can I get my order?

In the Republic of Ireland, DPD Next Day delivers on the next working day when you
order by 13:00 Irish time, Monday to Friday. For the EU, the UK and the US we use DHL
Express: orders placed by **12:00** Irish time on a working day are dispatched the same
day. The delivery times for each country are on the shipping pages.

## Is there anything that can't go by express?

Fuel canisters never travel by express or by air. An order that includes an item on
back-order or pre-order ships once everything is in stock, unless you ask us to send
the available items first.

## What if my express parcel is late?

If an express delivery misses the promised day because of a delay on our side, we
refund the **express supplement**, which is the difference between the express and the
standard price. Delays caused by severe weather, customs checks or a wrong address
aren't covered, but we'll still help you chase the carrier.
""")

page("delivery-addresses", "help", "Delivery addresses", """
# Delivery addresses

## Can I send my order to my workplace?

Yes. Add the company name to the address, and a phone number the driver can use.
Our carriers deliver on working days, so a work address is often the easiest way to
catch a parcel first time.

## Can the delivery address differ from my billing address?

Yes, any address in a country we deliver to will do. For a first order over **€500** to
a new delivery address we sometimes verify the payment before shipping. The order then
shows as on-hold for a short time, and we email you if we need anything.

## What format should the address have?

For the Republic of Ireland, an Eircode is required. UK addresses need a full postcode,
and US addresses a ZIP code; the four-digit ZIP extension is optional. Please write
house names and numbers in full; abbreviations confuse the carriers' systems more often
than you'd expect.

## I typed the wrong address. What now?

Contact us as quickly as possible. Our page on changing an order explains what we can
still do before dispatch, and what the carriers allow afterwards.
""")

page("order-changes", "help", "Changing an order", """
# Changing an order

## Can I change my order after placing it?

Often, yes, as long as the status is still **processing** and we haven't packed it yet.
Chat is the quickest way to reach us; have your order number ready. Before packing we
can change a size or colour, remove an item, correct the delivery address or upgrade to
express delivery (you pay the difference).

## Can I add something to an order I've already placed?

We can't add items to an existing order. Place a second order instead. If both orders
go to the same address and you place them on the same day, contact us and we'll refund
the **second delivery charge**.

## Can I change how I paid?

No, the payment method can't be changed once an order is placed. If you need to pay
differently, cancel the order (see our cancellation page) and order again.

## What if the order has already shipped?

Then we can't change it in our system, but the carriers can often help. An Post and DPD
let you redirect a parcel from the tracking link; DHL Express may charge for a change of
address. If that isn't possible, refuse the parcel or return it once it arrives.
""")

page("cancel-order", "help", "Cancelling an order", """
# Cancelling an order

## How do I cancel my order?

For **30 minutes** after you place an order you can cancel it yourself: open **Orders**,
select the order and choose **Cancel order**. Guests use the cancel link in the order
confirmation email. You'll get an email confirming the cancellation.

## Can I cancel after those 30 minutes?

Contact us. If the order hasn't been packed yet, we can usually still cancel it. Once
it's packed or on its way we can't stop it; return it when it arrives instead, under
the normal returns policy.

## When will the money be back?

Card payments are only authorised at first, so after a cancellation we release the
authorisation at once; your bank may take up to 5 working days to drop the pending
amount. PayPal and other methods that charge straight away are refunded in full, usually
within 24 hours.

## Why did you cancel my order?

We cancel an order ourselves if the payment isn't completed within **48 hours** of it
going on hold, if an item turns out to be out of stock and can't be back-ordered, or if
our fraud checks fail. You always get an email explaining which.
""")

page("order-status", "help", "What your order status means", """
# What your order status means

## What does each status mean?

| Status | What it means |
|---|---|
| processing | We have your order and are picking and packing it |
| on-hold | Paused for a payment check, an address check or a back-ordered item |
| shipped | Handed to the carrier; your tracking email is on its way |
| delivered | The carrier has confirmed delivery |
| cancelled | Cancelled by you or by us; nothing will be charged |
| refunded | The money has been returned to your payment method |

You can see the current status under **Orders** in your account, or on the order
tracking page with your order number and email address.

## How long does an order stay on hold?

Usually less than one working day. If we need something from you, for example to
complete a payment or confirm an address, we email you. An order that is still on hold
after 5 working days is cancelled.

## My order says delivered, but nothing has arrived

Check with neighbours and any safe place you named, then see our page on lost parcels.
Carriers sometimes mark a parcel as delivered a little before the van actually stops.
""")

page("tracking", "help", "Tracking your parcel", """
# Tracking your parcel

## Where do I find my tracking number?

When your order leaves the warehouse we send a dispatch email with the carrier's name
and a tracking link. The same link is under **Orders** in your account. If you checked
out as a guest, use the order tracking page with your order number and email address.

## Why hasn't my tracking updated?

Tracking starts when the carrier first scans the parcel at their depot. For parcels
collected in the late afternoon, that can take until the evening of the **next working
day**. If there has been no movement at all for several days, see our lost parcel page.

## Which carrier has my parcel?

You can usually tell from the tracking number:

- An Post: two letters, nine digits and IE at the end
- DPD: 14 digits
- UPS: starts with 1Z
- DHL Express: 10 digits

## Can I see a delivery time?

DPD and DHL Express send a delivery window on the day. An Post delivers with the
normal post round and doesn't give a time.
""")

page("damaged-parcel", "help", "Damaged parcels and items", """
# Damaged parcels and items

## My parcel arrived damaged. What should I do?

If the box is badly crushed or torn, tell the driver or write it on the delivery
device. Then take **photos** of the outer box, the shipping label and the contents
before you throw anything away, and report it to us within **7 days** of delivery using
the form under **Orders** or by chat.

## What happens next?

Once we've seen the photos, we send a replacement by standard delivery free of charge,
or refund the item if you prefer or if it's out of stock. You normally don't have to
send the damaged item back; if we do need it, we email a prepaid label.

## Something looks damaged but I'm not sure

For a bent tent pole or a small tear, send photos anyway and we'll tell you whether it
affects use. For stoves and fuel, don't take chances: never use a dented gas canister or
a stove with a damaged valve or hose. Put it aside and contact us.
""")

page("missing-items", "help", "Missing items", """
# Missing items

## Some items are missing from my parcel

First check the packing slip. Large items such as tents and family tent footprints
sometimes travel in their own box and are marked **Ships separately**, with their own
tracking link in the dispatch email. Back-ordered items are also sent later, once they
arrive in stock.

## How do I report a missing item?

Let us know within **14 days** of delivery. Send a photo of the packing slip and of
what was in the box, via the form under **Orders** or by chat. Every parcel is weighed
when it is packed, so we can usually confirm quickly what went into it, and we send the
missing item as soon as that check is done.

## A part is missing from the product itself

If a tent arrives without its pegs, a stove without its stuff sack or a filter without
its syringe, we post the missing parts free of charge. There's no need to return the
product, and you can start using it while the parts are on their way.
""")

page("lost-parcel", "help", "Lost parcels", """
# Lost parcels

## When is a parcel considered lost?

If tracking hasn't changed for 5 working days within Ireland, or for 10 working days
for international deliveries, contact us with your order number. We'll check with the
carrier before anything else.

## Tracking says delivered, but I can't find it

Have a look around: porches, bins, garages and neighbours are the usual places. Check
the delivery photo in the tracking link if the carrier took one, and wait until the end
of the day, as some drivers scan parcels before they reach the door. If it still hasn't
turned up, tell us within 10 days of the delivery date.

## What happens during an investigation?

We open a claim with the carrier. Their investigation takes up to **10 working days**.
For higher-value orders we may ask you to sign a **declaration of non-receipt**, which is
a short form confirming the parcel never reached you. When the claim is settled, or the
time runs out, we send a replacement or refund you in full. You don't need to wait for
the carrier to pay us.
""")

page("pre-orders", "help", "Pre-orders", """
# Pre-orders

## How do pre-orders work?

Products that haven't been released yet show a **Pre-order** button and the month we
expect to dispatch them. You place the order as usual; your payment is authorised, and
you're **charged at dispatch**, not before.

## What if I pre-order together with items in stock?

We send the in-stock items straight away and the pre-order later. The second shipment
is free, so you only ever pay delivery once per order.

## What if the release date slips?

We email you as soon as a supplier moves a date. You can cancel a pre-order at any time
before it's dispatched, for a full refund, from **Orders** or by contacting us.

## What if the price changes before release?

If the price drops between your order and dispatch, you pay the **lower price**
automatically. If it goes up, you keep the price you ordered at.
""")

page("back-orders", "help", "Back-orders", """
# Back-orders

## What does "back-order" mean?

When a size or colour has sold out but more stock is on the way, the product page shows
**Back-order** and the date we expect it in. You can order it now and we send it as soon
as it arrives, before new stock goes on sale to everyone else.

## When will I be charged?

Only when the item ships. Until then the payment is authorised, or for methods that
charge straight away, held. If you also ordered items in stock, they're sent first and
the back-ordered item follows free of charge.

## What if the restock is delayed?

If the new stock arrives more than **30 days** after the date shown when you ordered,
we email you and you can choose to keep waiting or cancel for a full refund. You can
also cancel a back-order yourself at any time before it ships.

## Can I change the size on a back-order?

Yes, while it hasn't shipped: contact us and we'll swap it for any size that's in stock
or also on back-order.
""")

page("stock-alerts", "help", "Stock alerts", """
# Stock alerts

## Can you tell me when something is back in stock?

Yes. On a sold-out size or colour, click **Email me when it's available** and enter
your email address. We send a single email when the item is back. The alert doesn't
reserve anything, so popular sizes can sell out again quickly.

## How long does an alert stay active?

An alert lasts **90 days**. If the item hasn't come back by then, the alert expires and
you can simply set a new one. You can have as many alerts as you like.

## Will every sold-out item come back?

Not always. Some colours are produced in one batch per season, and end-of-line models show
**Discontinued** instead of an alert button. When a successor model is available, the
old product page links to it.

## I didn't receive the alert email

Check your spam folder and any promotions tab. Alerts come from the same address as our
order emails. If you unsubscribed from all email in the past, alerts are blocked too;
update your preferences in your account.
""")

page("gift-cards", "help", "Gift cards", """
# Gift cards

## What gift cards do you sell?

Our gift cards are digital. Choose any amount from €20 to **€500**, add a personal
message, and we email the card to the recipient immediately or on a date you pick, for
example a birthday.

## How long is a gift card valid?

For **5 years** from the date it was bought. The expiry date is printed on the email.

## How do I use one?

Enter the code at checkout. Any remaining balance stays on the card for your next
order. A gift card can be combined with one other payment method to cover the rest.
Gift cards can't be used to buy other gift cards and can't be exchanged for cash.

## The recipient never received it

Check the spam folder first. If you bought the card, contact us with your order number:
we can resend it to the same address or, if the email was mistyped, to a corrected one,
as long as the card hasn't been used.
""")

page("discounts", "help", "Discount codes and promotions", """
# Discount codes and promotions

## How do I use a discount code?

Type it into the **Discount code** box in your basket, before you go to payment. There
is **one code per order**; if you have two, use the one that saves you more.

## Why isn't my code working?

The most common reasons are:

- the code has expired or has already been used;
- your basket doesn't reach the code's minimum spend;
- the basket only holds excluded items: Outlet products, gift cards and rentals;
- the brand doesn't allow discounting, which the product page says.

## I forgot to enter my code

Contact us within **14 days** of ordering. If the code was valid at the time, we refund
the difference to your original payment method.

## Which discounts do you offer?

Besides seasonal sales we have a newsletter welcome code, the student discount, our
pro-deal programme and Basecamp Club vouchers. Each has its own page with details.
""")

page("student-discount", "help", "Student discount", """
# Student discount

## Who can get the student discount?

Students in full-time education at a university or college in Ireland, the UK or the
EU get **15%** off full-price items.

## How do I verify that I'm a student?

Sign in and open **Student discount** in your account. Either verify with your college
email address, or upload a photo of a current student card. We confirm within 2 working
days. Once verified, the discount is applied automatically at checkout for **12 months**,
after which you verify again.

## What is excluded?

The student discount doesn't apply to Outlet items, gift cards or rentals, and it can't
be combined with a discount code, a price match or pro-deal pricing. If a code would
save you more, you can use the code instead.

## Can I use it for friends or my club?

No, it's for your own purchases only. Clubs and societies can ask about group pricing
on our wholesale page.
""")

page("vat-invoices", "help", "VAT invoices", """
# VAT invoices

## Where can I get a VAT invoice?

We issue a VAT invoice for every order when it's dispatched. You can download the PDF
under **Orders** in your account; if you ordered as a guest, it's attached to the
dispatch email.

## Can I add my company's VAT ID?

Yes. EU businesses can enter a VAT ID at checkout. We check it against the EU's **VIES**
database, and if it's valid, Irish VAT is removed for deliveries outside Ireland under
the reverse-charge rule. Businesses in Ireland always pay Irish VAT, which they can
reclaim in the usual way.

## Can you change the name or address on an invoice?

Yes, within **3 months** of the invoice date. Email us the order number and the correct
details and we issue a corrected invoice. We can't add a VAT ID to an order after
dispatch, because the VAT treatment of the sale would change.
""")

page("repairs", "help", "Repair service", """
# Repair service

Our repair workshop in Galway fixes outdoor gear so it can go back out on the hill.
We repair items from any brand, whether or not you bought them from us.

## How much do repairs cost?

| Repair | Price | Typical turnaround |
|---|---|---|
| Zip slider replacement | €15 | 1 week |
| Full jacket zip replacement | €45 | 2 weeks |
| Seam re-taping, per 30 cm | €12 | 2 weeks |
| Tent pole section replacement | €18 | 1 week |
| Tent fabric patch | from €20 | 2 weeks |
| Down baffle repair | €25 | 2 weeks |
| Boot resole | €65 | 4 weeks |
| Buckle or strap replacement | €8 | 1 week |

Assessment is free, and we email a quote before starting any work.

## How do I send something in?

Book through the repair form and we email a label for sending the item to us. Posting
the repaired item back costs €5.95 within Ireland and €9.95 to other countries.

## Is there anything you won't repair?

We don't repair **climbing safety gear** such as harnesses, ropes and slings, because
its strength can't be checked after a repair. Faults covered by a warranty are fixed
free; see the warranty page.
""")

page("rentals", "help", "Gear rental", """
# Gear rental

## What can I rent, and what does it cost?

| Item | Weekend (Friday to Monday) | Week |
|---|---|---|
| 2-person tent | €35 | €60 |
| 4-person tent | €50 | €85 |
| Sleeping bag (3-season) | €20 | €35 |
| Trekking pack, 60 L | €15 | €25 |
| Stove and cook set (no fuel) | €12 | €20 |

## How does delivery work?

Rentals are available in the Republic of Ireland only. DPD delivers the day before your
trip, and you send everything back with the prepaid label on the first working day
after it. We place a pre-authorisation of **€150** per rental order on your card and
release it once the gear is back and checked.

## What if I return it late or damaged?

Late returns cost **€10 per day**. Normal mud and dirt are fine, as cleaning is included;
damage beyond normal use is charged at our repair prices.

## Can I rent before I buy?

Yes. If you buy the same model within 30 days of your rental, we **deduct the rental
fee** from the price.
""")

page("size-guide-clothing", "help", "Clothing size guide", """
# Clothing size guide

## How do I measure myself?

Measure over a thin base layer. Chest: around the fullest part, under the arms. Waist:
around your natural waist, above the hip bones. Keep the tape snug but not tight.

## Men's sizes

| Size | Chest (cm) | Waist (cm) |
|---|---|---|
| S | 92–97 | 78–83 |
| M | 98–103 | 84–89 |
| L | 104–109 | 90–95 |
| XL | 110–116 | 96–102 |
| XXL | 117–123 | 103–109 |

## Women's sizes

| Size | Chest (cm) | Waist (cm) |
|---|---|---|
| XS | 80–83 | 62–65 |
| S | 84–88 | 66–70 |
| M | 89–93 | 71–75 |
| L | 94–99 | 76–81 |
| XL | 100–105 | 82–87 |

## What if I'm between sizes?

For waterproof shells, **size up** so a fleece fits underneath. Insulated jackets and
fleeces have a regular fit: take your usual size. Base layers are close-fitting by
design, and children's sizes go by age, shown on each product page.
""")

page("size-guide-boots", "help", "Boot and shoe size guide", """
# Boot and shoe size guide

## How do EU, UK and US sizes compare?

| EU | UK | US men's | US women's | Foot length |
|---|---|---|---|---|
| 38 | 5 | 6 | 7 | 24.0 cm |
| 39 | 6 | 7 | 8 | 24.7 cm |
| 40 | 6.5 | 7.5 | 8.5 | 25.3 cm |
| 41 | 7.5 | 8.5 | 9.5 | 26.0 cm |
| 42 | 8 | 9 | 10 | 26.7 cm |
| 43 | 9 | 10 | 11 | 27.3 cm |
| 44 | 9.5 | 10.5 | 11.5 | 28.0 cm |
| 45 | 10.5 | 11.5 | 12.5 | 28.7 cm |
| 46 | 11 | 12 | 13 | 29.3 cm |

## How do I measure my feet?

Measure in the evening, when feet are at their largest, wearing the socks you hike in.
Stand with your heel against a wall and measure to the tip of your longest toe. Choose
the size whose foot length is equal to or just above your measurement.

## Do your boots run small or large?

Ridgeline boots are true to size. Mountain boots are designed to be worn with thicker
socks, so some people go half a size up. If you're unsure, book a video boot fitting.
""")

page("video-boot-fitting", "help", "Video boot fitting", """
# Video boot fitting

## What is a video boot fitting?

A free **20-minute** video call with one of our boot fitters. They look at your feet and
your current footwear, ask about the walking you do, and recommend models and sizes
that suit you. There's no obligation to buy anything.

## How do I book a session?

Choose a slot on the boot fitting page. Sessions run **Tuesday to Saturday**, 10:00 to
17:00 Irish time. The call runs in your browser through the link in your confirmation
email, so there's nothing to install.

## How should I prepare?

Book an evening slot if you can, since feet swell during the day. Have your hiking socks
on, measure your foot length beforehand, and keep your old boots nearby so the fitter
can see the wear pattern on the soles. A well-lit room helps.

## What happens after the call?

The fitter emails you their recommendations with links. If the boots you order don't fit,
you can return them as long as they're unused, so try them on indoors, on carpet.
""")

page("tent-care", "help", "Caring for your tent", """
# Caring for your tent

## How should I clean my tent?

Shake out grit and sand, then sponge the flysheet and groundsheet with lukewarm water.
For stubborn marks use a small amount of technical fabric cleaner. **Never machine
wash** a tent and never use detergent or washing-up liquid, which strip the waterproof
coating.

## How do I dry and store it?

Never store a tent damp: mildew can set in within **48 hours** and stains the fabric for
good. If you packed up in the rain, pitch it again at home or hang it indoors until every
part is dry. Store it loosely in a cool, dry place rather than in its compression bag.

## When should I reproof the flysheet?

When rain stops beading and starts soaking into the outer fabric, usually every **two or
three seasons** of regular use. Spray a reproofer onto the clean, damp tent while it's
pitched, and check the seams at the same time.

## How do I look after poles and zips?

Wipe poles dry and unfold them from the middle section outwards so the shock cord isn't
strained. Keep zips free of grit and treat sticky sliders with a silicone lubricant.
""")

page("down-care", "help", "Washing and storing down", """
# Washing and storing down

## How do I wash a down jacket or sleeping bag?

Use a front-loading machine with a down-specific wash, on a gentle cycle at **30 °C**,
with an extra rinse. Never use fabric softener or ordinary detergent, and never have down
dry cleaned. Close all zips and turn the item inside out first.

## How do I dry it?

Tumble dry on low heat with two or three clean **tennis balls**, which break up clumps of
down as it dries. A jacket takes two to three hours, a sleeping bag up to five. Stop now
and then to tease apart any clumps by hand, and keep going until no clumps are left.

## How should I store down?

Uncompressed, in the large cotton storage sack that came with it, or hung in a
wardrobe. Keep the compression sack for trips only: down stored compressed for months
loses loft.

## What does fill power mean?

Fill power measures how much space an ounce of down fills, in cubic inches. Higher fill
power means more warmth for the same weight: an 800 fill power bag is warmer than a
600 fill power bag of the same weight.
""")

page("water-filter-care", "help", "Water filter care", """
# Water filter care

## How do I clean my filter after a trip?

**Backflush** it with clean water using the syringe or the backflush adapter that came
with it, until the water runs clear. Then leave it to air dry with the caps off for a
day or two before storing it.

## Can my filter freeze?

Hollow-fibre filters that freeze with water inside **can crack**, and the damage can't be
seen or tested at home. In freezing weather keep the filter in your sleeping bag at
night and in an inside pocket by day. If it has frozen, replace it.

## When should I replace the cartridge?

When it reaches the rated capacity listed on its product page, or earlier if the flow
stays slow even after backflushing.

## Does a filter remove viruses?

Our hollow-fibre filters have 0.1-micron pores. They remove bacteria and protozoa but
**not viruses**. Where viruses are a concern, add purification tablets or use a UV
purifier.
""")

page("stove-fuel-safety", "help", "Stove and fuel safety", """
# Stove and fuel safety

## Can I use my stove inside my tent?

Never inside the inner tent. Stoves produce **carbon monoxide**, which you can't see or
smell, and tent fabric catches fire quickly. In bad weather, cook in a porch only with
the door wide open, keep the stove on a stable base, and never leave it unattended.

## Where can you send gas canisters?

Fuel canisters, both gas and liquid fuel, are dangerous goods. We send them only within
the **Republic of Ireland**, by DPD road service, with a maximum of **6 per order**. They
can't go by express, can't go to Northern Ireland, the UK or any other country, and
can't be returned once delivered.

## Can I take my stove on a plane?

Gas canisters can't be carried on planes in any luggage. The stove itself can usually
fly in checked luggage if it is completely clean and **free of fuel**; check with your
airline before you travel.

## How should I store fuel?

Keep canisters below 50 °C and out of direct sun. Don't leave them in a car in summer,
and store them somewhere ventilated, away from the house's boiler or heater.
""")

page("climbing-gear-care", "help", "Climbing gear care and retirement", """
# Climbing gear care and retirement

## When should I retire a harness, sling or rope?

Textile climbing gear has a maximum life of **10 years** from the date of manufacture,
even if it has never been used. With regular use, expect three to five years. Retire it
immediately after a severe fall, after contact with chemicals such as battery acid, or
if you see cuts, fuzzing or glazing.

## How do I inspect my gear?

Check before every session. On harnesses look at the tie-in points and belay loop; on
ropes run the whole length through your hands feeling for soft spots; on carabiners
check that the gate closes fully and there are no sharp edges.

## Can I return climbing gear?

Unused gear in its original packaging can be returned like anything else. Once it has
been used, we can't resell safety gear whose history we don't know, so it can't come
back as a change of mind. Rope cut to length is never returnable.

## How do I clean a rope?

Hand wash in lukewarm water with a rope wash, then dry it loosely coiled, out of direct
sun and away from heaters.
""")

page("account", "help", "Your Ridgeline account", """
# Your Ridgeline account

## Do I need an account to order?

No. **Guest checkout** works for every order. An account lets you see all your orders in
one place, start returns and exchanges in a few clicks, save your sizes and collect
Basecamp Club points.

## How do I change my email address?

Open **Account settings** and then **Personal details**. We send a confirmation link to
the new address; it's valid for **24 hours**, and the change only takes effect once you
click it. Your order history moves with you.

## Can I see orders I placed as a guest?

Yes. When you create an account with the email address you used as a guest, those
orders appear in your account after you verify the address.

## How do I update my saved addresses?

Under **Addresses** you can add, edit and delete delivery addresses and choose a default.
Changing a saved address doesn't change orders that are already placed; contact us about
those.

## How do I close my account?

See our page on deleting your account and data.
""")

page("password-reset", "help", "Password and sign-in problems", """
# Password and sign-in problems

## I forgot my password

Click **Forgot password** on the sign-in page and enter your account email. The reset link
in our email works once and is valid for **60 minutes**. If it has expired, request a new
one; only the newest link works.

## The reset email isn't arriving

Check spam and any promotions folder, and search your inbox for ridgeline.example. Make
sure you use the address your account was created with. Orders placed as a guest don't
have a password; create an account with the same email instead.

## My account is locked

After 5 wrong passwords in a row the account is locked for **15 minutes** to protect it.
Wait, then sign in again or reset your password.

## Can I turn on two-step verification?

Yes, under **Account settings** and then **Security**. You'll need an authenticator app
to generate the codes. Keep the backup codes we show you somewhere safe: they're the only
way in if you lose the device.
""")

page("newsletter", "help", "Newsletter", """
# Newsletter

## What do I get for signing up?

A welcome code for **10% off** your first full-price order, emailed within a few minutes
of confirming your subscription. The code is valid for 30 days and follows the usual
rules for discount codes.

## How often will you email me?

About **once a week**, with new arrivals, trip ideas and sale dates, plus a longer kit
guide at the start of each season. In your email preferences you can choose topics,
such as climbing, hillwalking or camping, and skip the rest.

## How do I unsubscribe?

Use the unsubscribe link at the bottom of any newsletter, or switch off marketing
emails under **Account settings**. It takes effect straight away. Order, dispatch and
return emails aren't marketing and keep coming while you have an open order.

## I signed up but never got the code

Check your spam folder and confirm the subscription through the link we sent; the code
only goes out after confirmation. Addresses that have subscribed before don't receive a
second welcome code.
""")

page("basecamp-club", "help", "Basecamp Club", """
# Basecamp Club

## How does Basecamp Club work?

Basecamp Club is our free loyalty programme; every account is a member. You earn
1 point for every €1 you spend on products, including Outlet items. Gift cards and
rentals don't earn points.

## What are points worth?

Every 200 points turn into a **€10 voucher** automatically, emailed to you and shown in
your account. Vouchers are valid for 6 months and can be used alongside the other
payment methods at checkout.

## Do points expire?

Points expire after **24 months** without a purchase. Any order keeps all your points
alive for another 24 months.

## Are there any other perks?

Members get 100 bonus points in their birthday month and early access to our seasonal
sales. Points for returned items are removed once the refund is made.
""")

page("pro-deals", "help", "Pro-deal programme", """
# Pro-deal programme

## Who qualifies for a pro-deal?

People who work or volunteer in the outdoors: mountain leaders, climbing and paddling
instructors, outdoor education staff and **mountain rescue** team members.

## What's the discount?

Pro-deal members get **25%** off full-price items, for their own use. You can buy up to
two of the same item per year at pro-deal prices. The discount doesn't apply to Outlet
items, gift cards or rentals, and can't be combined with other discounts.

## How do I apply?

Fill in the pro-deal application in your account and upload proof: a current
qualification certificate, or a letter from your team, centre or employer. We review
applications within 5 working days. Approval is valid for 2 years, after which we ask
for up-to-date proof.

## Can my whole team use it?

Each person applies individually. For kit that a team or centre buys as an organisation,
see our wholesale page.
""")

page("wholesale", "help", "Clubs, schools and wholesale orders", """
# Clubs, schools and wholesale orders

## Do you supply clubs and schools?

Yes. We supply hillwalking and climbing clubs, scout groups, schools and outdoor
centres in Ireland and across the EU, from group orders of tents and packs to kit for a
whole activity centre.

## What discounts do organisations get?

| Order value | Discount |
|---|---|
| €1,000–€2,499 | 10% |
| €2,500–€4,999 | 15% |
| €5,000 and over | 20% |

Discounts apply to full-price items, before delivery.

## Can we pay by invoice?

Approved organisations can pay by bank transfer on a **30-day invoice**. The first order
is paid in advance while we set up the account.

## How do we get a quote?

Email wholesale@ridgeline.example with a list of items and quantities, your delivery
address and your organisation's details. We reply with a quote within 2 working days.
""")

page("sustainability", "help", "Sustainability at Ridgeline", """
# Sustainability at Ridgeline

## How do you pack orders?

In recycled cardboard boxes closed with **paper tape**, with paper padding instead of
plastic air pillows. Where a supplier's box is sturdy enough, we reuse it for shipping.
Garments arrive in the bag their brand packed them in; we're working with brands to
remove those bags.

## Why do you keep talking about repairs?

The gear with the smallest impact is the gear you already own. Our repair workshop
fixes zips, seams, poles and soles for any brand, and the Second Ascent scheme takes
used gear back for credit so it gets a second life.

## What else do you do?

We give **1% of our sales** to upland path repair projects on Irish mountains, where
erosion from walkers is a growing problem. Our Galway warehouse runs on renewable
electricity, and stock travels from the port to our warehouse by rail wherever we can
arrange it.

## How can I help?

Buy what you'll use, look after it, and repair before you replace. Our care guides for
tents, down, water filters and climbing gear explain how.
""")

page("trade-in", "help", "Second Ascent trade-in", """
# Second Ascent trade-in

## What can I trade in?

Tents, backpacks, waterproof jackets and sleeping bags from any brand, as long as they're
clean and usable. We don't accept boots, base layers or climbing safety gear.

## What do I get for it?

Store credit of up to **30%** of the item's current price, depending on condition. The
credit comes as a Ridgeline gift card and is issued within **10 working days** of us
receiving your item.

## How does it work?

Fill in the trade-in form with a few photos, and we send you a quote. If you accept,
we email a free label for parcels from Ireland; from other countries you pay the
postage. If the item turns out to be in worse condition than the photos showed, we offer
a new quote or send it back free.

## What happens to traded-in gear?

We clean and repair it and sell it in the Outlet under the Second Ascent label. Gear we
can't resell is donated to youth groups.
""")

page("contact", "help", "Contact us", """
# Contact us

## When can I reach you?

| Channel | Details | Hours (Irish time) |
|---|---|---|
| Live chat | Chat button on every page | Mon–Fri 08:30–18:00, Sat 10:00–14:00 |
| Phone | +353 91 555 0187 | Mon–Fri 09:00–17:00 |
| Email | help@ridgeline.example | Answered within 1 working day |

We're closed on Sundays and on Irish public holidays. Messages sent outside these hours
are answered when we're back, oldest first.

## What should I have ready?

Your order number and the email address you ordered with. For a fault or damage, photos
help us sort it out in one go, so attach them to your first message.

## What's your postal address?

Ridgeline Outfitters Ltd, Unit 7, Corrib Road Business Park, Galway. Please use it for
letters only: returns go to the address printed on your return label, and parcels sent
to the office address take longer to process.
""")

# Spanish pages: the same facts as the English returns, shipping and payments pages.

page("devoluciones", "es", "Devoluciones", """
# Devoluciones

Puedes devolver la mayoría de los artículos en un plazo de **45 días** desde la fecha de
entrega que aparece en el seguimiento.

## ¿En qué estado tiene que estar el artículo?

Sin usar. Puedes abrir la caja, probarte las botas en casa o montar la tienda en el salón
para ver el tamaño. No aceptamos como cambio de opinión un hornillo que se ha encendido,
un saco de dormir en el que se ha dormido ni un filtro por el que ha pasado agua.

## ¿Qué no se puede devolver?

- Cartuchos de gas y de combustible líquido
- Cuerda de escalada cortada a medida
- Artículos del Outlet, que son venta final
- Tarjetas regalo

## ¿Cuánto cuesta la devolución?

| Desde | Cómo | Coste |
|---|---|---|
| Irlanda | Etiqueta prepagada de An Post | Gratis |
| Países de la UE | Etiqueta prepagada de DPD | 6,50 €, descontados del reembolso |
| Reino Unido | Etiqueta prepagada de DPD | 8,95 €, descontados del reembolso |
| Estados Unidos | Envío con seguimiento por tu cuenta | A tu cargo |

## ¿Cuándo recibo el reembolso?

Revisamos cada devolución en un plazo de 5 días laborables desde que llega a nuestro
almacén de Galway y liberamos el reembolso ese mismo día, siempre al método de pago
original. Tu banco puede tardar unos días más en mostrarlo.
""")

page("envios", "es", "Envíos", """
# Envíos

Los pedidos realizados antes de las 13:00 (hora de Irlanda) en un día laborable salen de
nuestro almacén de Galway ese mismo día.

## ¿Cuánto cuesta el envío?

| Región | Transportista | Plazo de entrega | Coste |
|---|---|---|---|
| Irlanda | An Post | 2–3 días laborables | 4,95 € |
| Francia, Alemania, Bélgica, Países Bajos, Luxemburgo | DPD Classic | 3–4 días laborables | 9,95 € |
| España, Portugal, Italia, Austria, Dinamarca | DPD Classic | 4–6 días laborables | 11,95 € |
| Resto de la UE | DPD Classic | 5–8 días laborables | 14,95 € |
| Cualquier país de la UE, exprés | DHL Express | 1–3 días laborables | 24,95 € |
| Inglaterra, Escocia, Gales | DPD UK | 3–5 días laborables | 12,95 € |
| Estados Unidos | UPS Worldwide Expedited | 4–7 días hábiles | 24,95 € |

## ¿Cuándo es gratis el envío?

El envío estándar es gratis en pedidos de más de 60 € a Irlanda, de más de **120 €** a
cualquier país de la UE, de más de 150 € a Gran Bretaña y de más de 250 € a Estados
Unidos. El envío exprés nunca es gratis.

## ¿Hay algo que no podáis enviar?

Los cartuchos de combustible solo se envían dentro de la República de Irlanda. Los
hornillos, en cambio, se envían con normalidad a todos los destinos.
""")

page("pagos", "es", "Formas de pago", """
# Formas de pago

Todos los precios de Ridgeline Outfitters se muestran y se cobran en euros.

## ¿Cómo puedo pagar?

Aceptamos las siguientes formas de pago:

- Visa, Mastercard y American Express (tarjetas de crédito y débito)
- PayPal
- Apple Pay y Google Pay
- Klarna Pay in 3, para entregas en Irlanda, Alemania, Austria y los Países Bajos
- iDEAL, para clientes con banco en los Países Bajos
- Bancontact, para clientes en Bélgica
- Revolut Pay
- Tarjetas regalo de Ridgeline, que se pueden combinar con otro método de pago

## ¿Cuándo se cobra el pedido?

Los pagos con tarjeta se autorizan al hacer el pedido y se cobran cuando el paquete sale
del almacén. Las reservas y los artículos pendientes de reposición solo se cobran cuando
se envían. PayPal, iDEAL, Bancontact y Revolut Pay cobran en el momento.

## ¿Por qué se ha rechazado mi pago?

Casi siempre se debe a la verificación de seguridad de tu banco: aprueba la solicitud en
la aplicación del banco cuando aparezca. Si sigue fallando, prueba con otro método de
pago.
""")


# ---------------------------------------------------------------------------------
# Product catalogue, generated from per-category templates.
# ---------------------------------------------------------------------------------

COLOURS = [
    "Moss green", "Slate grey", "Heather purple", "Ochre", "Fjord blue", "Peat brown",
    "Gorse yellow", "Storm grey", "Ember red", "Lichen green", "Black", "Sand",
    "Atlantic blue", "Rust orange", "Sea-pink", "Bog-cotton white",
]
MENS = ["S", "M", "L", "XL", "XXL"]
WOMENS = ["XS", "S", "M", "L", "XL"]

# Products sold in the Outlet (final sale). Hand-picked so that policy questions can
# name them.
OUTLET = {
    "Mourne 3P Trekking Tent", "Hollow -5 Synthetic Sleeping Bag", "Gale Mountain Jacket (Women's)",
    "Tarn Trail Runner (Men's)", "Beam 200 Headlamp", "Fjellstrom Hike 26 L Daypack",
    "Hazel Alloy Folding Poles", "Clachan Cook Set 2-Person",
}

# Lines that sound like policy but state no policy numbers, so that product pages
# compete with help pages in retrieval.
POLICYISH = [
    "Easy returns on unused gear.",
    "Usually dispatched from our Galway warehouse the same working day.",
    "Free standard delivery once your basket passes the threshold for your country.",
    "Earns Basecamp Club points.",
    "If it ever needs fixing, our repair workshop can help.",
    "Trade in your old kit through Second Ascent and put the credit towards it.",
    "Spread the cost with Klarna where it's available.",
    "Covered against manufacturing faults by the legal guarantee.",
    "Student and pro-deal pricing applies at checkout once you're verified.",
    "Seen it cheaper elsewhere? Ask us about our price match.",
    "Not sure about the size? Exchanges are simple.",
    "Track it all the way to your door from your account.",
]
# Lines that only make sense for some categories (trade-ins take tents, packs, jackets and
# sleeping bags; the repair workshop doesn't touch climbing gear or consumables).
ONLY_FOR = {
    "Trade in your old kit through Second Ascent and put the credit towards it.": {"TNT", "SLB", "DAY", "TRK", "SHL", "INS"},
    "If it ever needs fixing, our repair workshop can help.": {"TNT", "SLB", "MAT", "DAY", "TRK", "SHL", "INS", "FLC", "BOT"},
    "Not sure about the size? Exchanges are simple.": {"SHL", "INS", "FLC", "BOT"},
}
NOT_FOR_OUTLET = {
    "Easy returns on unused gear.",
    "Student and pro-deal pricing applies at checkout once you're verified.",
    "Seen it cheaper elsewhere? Ask us about our price match.",
    "Not sure about the size? Exchanges are simple.",
}


def kg(grams):
    """1.9 kg above a kilo, 640 g below; commas for thousands."""
    if grams >= 1000:
        return f"{grams / 1000:.1f} kg" if grams < 10000 else f"{grams / 1000:.1f} kg"
    return f"{int(round(grams))} g"


def grams(g):
    return f"{int(round(g)):,} g"


def mm_head(v):
    return f"{v:,} mm"


def price_str(x):
    return f"{x:.2f}"


def pick(r, seq, k):
    return r.sample(seq, k)


def colour_variants(r, k, sizes=None):
    out = []
    for c in pick(r, COLOURS, k):
        out.append(f"{c}, sizes {', '.join(sizes)}" if sizes else c)
    return out


def nice_price(r, lo, hi):
    """Prices ending in .00, .50 or .95, in steps that look like a shop's."""
    base = r.randrange(int(lo), int(hi) + 1)
    base = base - base % 10 + r.choice([9, 9, 5]) if base > 20 else base
    return base + r.choice([0.0, 0.0, 0.95, 0.5]) if base < 40 else float(base) + r.choice([0.0, 0.0, 0.95])


def table(rows):
    lines = ["| Specification | Value |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in rows]
    return "\n".join(lines)


# Each builder gets (name, info, r) and returns a dict with: price, brand, specs (list of
# (key, value)), variants (list of str), desc (str without policy line), care (str),
# tags (set: "pack", "rent", ...).


def b_tent(name, info, r):
    berths, kind = info
    base_w = {"ultralight": 420, "backpacking": 700, "mountain": 900, "trekking": 780,
              "tunnel": 800, "family": 1900, "tipi": 1500, "bivvy": 900, "geodesic": 950}[kind]
    w = base_w * berths + r.randrange(150, 600) if kind != "bivvy" else r.randrange(650, 950)
    w = round(w, -1)
    season = "4-season" if kind in ("mountain", "geodesic") else r.choice(["3-season", "3-season", "3-season+"])
    fly = r.choice([3000, 3000, 4000, 5000]) if kind != "family" else r.choice([4000, 6000])
    ground = r.choice([6000, 8000, 10000])
    length = 40 + berths * 4 + r.randrange(0, 8)
    dia = 14 + berths * 2 + r.randrange(0, 4)
    fabric = {"ultralight": "15D ripstop nylon, silicone coated both sides",
              "family": "150D polyester, PU coated"}.get(kind, r.choice([
                  "20D ripstop nylon, silicone/PU coated", "30D ripstop nylon, silicone coated",
                  "40D ripstop polyester, PU coated"]))
    poles = {"ultralight": "Pitches with trekking poles (not included)", "tipi": "Single central aluminium pole",
             "family": "Fibreglass and steel", "bivvy": "Single short aluminium hoop"}.get(
        kind, r.choice(["7001 aluminium, colour-coded", "Lightweight 7075 aluminium"]))
    doors = 1 if berths == 1 or kind in ("bivvy", "tipi") else 2
    pitch = r.choice(["Outer first", "All-in-one", "Inner and outer together"]) if kind != "bivvy" else "Inner only"
    price = {"ultralight": 229, "backpacking": 119, "mountain": 189, "trekking": 139, "tunnel": 119,
             "family": 79, "tipi": 95, "bivvy": 149, "geodesic": 199}[kind] * berths + r.randrange(20, 80)
    price = nice_price(r, price, price + 20)
    specs = [
        ("Berths", f"{berths}-person"),
        ("Minimum weight", kg(w)),
        ("Packed size", f"{length} × {dia} cm"),
        ("Season rating", season),
        ("Flysheet", fabric),
        ("Flysheet waterproofing", mm_head(fly) + " hydrostatic head"),
        ("Groundsheet waterproofing", mm_head(ground) + " hydrostatic head"),
        ("Poles", poles),
        ("Doors and porches", f"{doors} door{'s' if doors > 1 else ''}, {doors} porch{'es' if doors > 1 else ''}"),
        ("Pitching", pitch),
    ]
    intro = r.choice([
        f"The {name} is a {season} {berths}-person shelter built for {{use}}.",
        f"A {season} tent for {berths}, the {name} is made for {{use}}.",
        f"With room for {berths} and a {season} rating, the {name} suits {{use}}.",
    ])
    use = {"ultralight": "fast-and-light trips where every gram counts",
           "backpacking": "multi-day walks along waymarked trails",
           "mountain": "exposed camps in wind and sleet",
           "trekking": "long treks where you pitch somewhere new each night",
           "tunnel": "blustery coastal campsites and long weekends",
           "family": "family holidays at the campsite",
           "tipi": "group trips and base camps",
           "bivvy": "solo nights on summits and ridges",
           "geodesic": "winter camping and high, windy pitches"}[kind]
    extra = r.choice([
        "The flysheet comes down close to the ground to keep draughts out.",
        "Vents at both ends cut condensation on still, damp nights.",
        "Reflective guylines make it easy to find in the dark.",
        "A mesh inner with solid panels balances airflow and warmth.",
    ])
    care = r.choice([
        "Dry it fully before you pack it away for any length of time, and store it loosely rather than in the compression bag. Sponge off mud with lukewarm water only; our tent care guide covers reproofing and zips.",
        "Pitch it to dry as soon as you're home, even after a dry night, because condensation collects on the inside. Clean with lukewarm water and a sponge, and keep poles and pegs in their own bags.",
    ])
    tags = {"rent"} if berths in (2, 4) and kind in ("backpacking", "tunnel", "family", "trekking") else set()
    return dict(price=price, brand="Ridgeline", specs=specs, variants=colour_variants(r, r.choice([2, 3])),
                desc=intro.format(use=use) + " " + extra, care=care, tags=tags)


def b_bag(name, info, r):
    comfort, kind = info
    down = kind in ("down", "quilt", "womens")
    fp = r.choice([650, 700, 750, 800, 850]) if down else None
    fill_g = max(200, int((12 - comfort) * 38 + r.randrange(-20, 60))) if kind != "liner" else 0
    if kind == "liner":
        w = r.randrange(120, 180)
    else:
        w = fill_g + (r.randrange(420, 620) if down else r.randrange(700, 1100))
    w = round(w, -1)
    limit = comfort - r.choice([5, 6, 7])
    specs = []
    if kind != "liner":
        specs += [("Comfort temperature", f"{comfort} °C"), ("Limit temperature", f"{limit} °C")]
        specs.append(("Fill", f"{fill_g} g duck down, {fp} fill power" if down else f"{fill_g} g recycled polyester hollow fibre"))
    else:
        specs += [("Adds warmth", "About 2 °C"), ("Fabric", "100% mulberry silk")]
    specs += [
        ("Weight", kg(w)),
        ("Packed size", "12 × 8 cm" if kind == "liner" else f"{r.randrange(20, 30) if down else r.randrange(28, 38)} × {r.randrange(14, 20) if down else r.randrange(20, 28)} cm"),
        ("Shape", {"quilt": "Quilt with footbox", "double": "Rectangular double",
                   "liner": "Mummy"}.get(kind, r.choice(["Mummy", "Tapered mummy"]))),
        ("Zip", "None" if kind in ("quilt", "liner") else r.choice(["Full-length two-way", "Three-quarter length"])),
        ("Fits up to", f"{r.choice([175, 185, 190, 195])} cm" if kind != "junior" else "150 cm"),
    ]
    if kind == "junior":
        specs[-1] = ("Fits up to", "150 cm")
    price = nice_price(r, 40 + (fp or 0) / 10 + max(0, -comfort) * 14 + (200 if down else 30), 40 + (fp or 0) / 10 + max(0, -comfort) * 14 + (230 if down else 60))
    if kind == "liner":
        price = nice_price(r, 55, 70)
    variants = []
    if kind in ("liner", "junior", "double", "quilt"):
        variants = colour_variants(r, 2)
    else:
        variants = [f"Regular, {z} zip" for z in ("left", "right")] + ["Long, left zip"]
    desc = r.choice([
        f"The {name} is rated for a comfortable night at {comfort} °C" + (f" and filled with {fp} fill power down." if down else "." if kind != "liner" else ""),
        f"Built around a comfort rating of {comfort} °C, the {name} is" + (" a light, compressible down bag" if down else " a hard-wearing synthetic bag that keeps insulating when damp") + ".",
    ]) if kind != "liner" else f"The {name} adds a little warmth and keeps the inside of your sleeping bag clean."
    desc += " " + (r.choice([
        "A draught collar and a shaped hood trap warm air around your shoulders.",
        "The footbox is cut wide enough to sleep with your feet relaxed.",
        "It packs into the compression sack supplied; a roomy storage sack comes too.",
    ]) if kind != "liner" else "It rolls up smaller than a drinks can and doubles as a light summer sheet.")
    if kind == "liner":
        return dict(price=price, brand="Ridgeline", specs=specs, variants=variants, desc=desc,
                    care="Hand wash in lukewarm water with a mild wool-and-silk detergent and dry flat, out of direct sun.", tags={"no_tradein"})
    care = ("Wash it with a down-specific wash at a low temperature and tumble dry slowly with a few tennis balls; our down care guide explains how. Store it uncompressed in the cotton storage sack."
            if down else "Hand wash or machine wash on a gentle cycle and let it dry completely before storing. Keep it uncompressed between trips so the fill recovers its loft.")
    tags = {"rent"} if kind == "synthetic" and comfort in (0, 5) else set()
    return dict(price=price, brand="Ridgeline", specs=specs, variants=variants, desc=desc, care=care, tags=tags)


def b_mat(name, info, r):
    kind = info
    rv = {"self": r.choice([2.8, 3.2, 3.6, 4.1]), "air": r.choice([1.5, 1.8, 2.2]), "ins": r.choice([4.2, 4.5, 5.1]),
          "foam": r.choice([1.7, 2.0]), "double": r.choice([3.0, 3.4]), "sit": 1.4, "winter": r.choice([6.2, 6.8])}[kind]
    thick = {"self": r.choice([3, 5, 7.5]), "air": r.choice([6, 7]), "ins": 7, "foam": 1.5, "double": 10, "sit": 1, "winter": 8}[kind]
    m = re.search(r"(\d+(?:\.\d)?) Self", name)
    if m:
        thick = float(m.group(1))
    w = {"self": 500 + thick * 120, "air": 380, "ins": 520, "foam": 290, "double": 2200, "sit": 60, "winter": 680}[kind] + r.randrange(0, 90)
    if "Long" in name:
        w += 120
    if "Short" in name:
        w -= 90
    w = round(w, -1)
    dims = {"double": "195 × 130 cm", "sit": "38 × 30 cm"}.get(kind, "198 × 64 cm" if "Long" in name else "120 × 51 cm" if "Short" in name else "183 × 51 cm")
    specs = [
        ("R-value", f"R-value {rv}"),
        ("Thickness", f"{thick:g} cm"),
        ("Dimensions", dims),
        ("Weight", kg(w)),
        ("Packed size", "Rolls to 52 × 13 cm" if kind == "foam" else f"{r.randrange(18, 34)} × {r.randrange(9, 19)} cm"),
        ("Valve", {"foam": "None", "sit": "None"}.get(kind, r.choice(["Flat one-way valve", "Twist valve"]))),
    ]
    price = nice_price(r, {"self": 45, "air": 65, "ins": 110, "foam": 20, "double": 120, "sit": 12, "winter": 165}[kind],
                       {"self": 90, "air": 85, "ins": 140, "foam": 30, "double": 150, "sit": 15, "winter": 195}[kind])
    desc = r.choice([
        f"The {name} gives you {thick:g} cm of cushioning and an R-value of {rv}, enough for {{season}}.",
        f"With an R-value of {rv}, the {name} keeps the cold ground away on {{season}}.",
    ]).format(season="winter nights on frozen ground" if rv > 5 else "most three-season trips" if rv > 2.5 else "summer nights")
    desc += " " + r.choice(["A non-slip top fabric stops your sleeping bag sliding off.",
                            "It comes with a stuff sack and a repair kit.",
                            "Tapered edges save weight without losing width at the shoulders."])
    care = r.choice(["Store it unrolled with the valve open, under a bed or in a cupboard, so the foam keeps its spring. Wipe clean with a damp cloth.",
                     "Inflate it with the pump sack rather than your breath to keep moisture out, and store it flat with the valve open."])
    return dict(price=price, brand="Ridgeline", specs=specs, variants=colour_variants(r, 2), desc=desc, care=care, tags=set())


def b_pack(name, info, r):
    litres, kind, brand = info[:3]
    w = {"day": 420 + litres * 14, "trek": 1100 + litres * 16, "kids": 300, "travel": 1300 + litres * 12, "frameless": 650}[kind] + r.randrange(-40, 90)
    w = round(w, -1)
    back = "Fixed, 40 cm" if kind == "kids" else r.choice(["Adjustable, 42–52 cm", "Adjustable, 44–54 cm"]) if kind in ("trek", "travel") else r.choice(["Fixed, 46 cm", "Fixed, 48 cm", "S/M 45 cm, M/L 50 cm"])
    fabric = r.choice(["210D recycled ripstop nylon", "420D recycled nylon with PU coating", "100D nylon with 420D base"])
    specs = [
        ("Capacity", info[3] if len(info) > 3 else f"{litres} L"),
        ("Weight", kg(w)),
        ("Back length", back),
        ("Main fabric", fabric),
        ("Hydration compatible", r.choice(["Yes, sleeve and hose port", "Yes"]) if kind != "travel" else "No"),
        ("Rain cover", r.choice(["Included", "Included, stowed in base"]) if kind in ("trek", "day") and r.random() < 0.7 else "Sold separately"),
        ("Brand", brand),
    ]
    price = nice_price(r, {"day": 40 + litres * 1.8, "trek": 110 + litres * 1.4, "kids": 30, "travel": 120 + litres, "frameless": 150}[kind],
                       {"day": 55 + litres * 1.8, "trek": 130 + litres * 1.4, "kids": 36, "travel": 140 + litres, "frameless": 175}[kind])
    use = {"day": "day hikes and scrambles", "trek": "multi-day treks with a tent and stove", "kids": "young walkers on family days out",
           "travel": "trips that mix trains, hostels and trails", "frameless": "long-distance walkers with light kit"}[kind]
    desc = r.choice([
        f"The {name} is a {litres}-litre pack for {use}.",
        f"Made for {use}, the {name} carries {litres} litres comfortably.",
    ]) + " " + r.choice([
        "A ventilated back panel keeps air moving on warm climbs.",
        "Stretch side pockets take a bottle you can reach without stopping.",
        "The hip belt has zipped pockets for snacks and a phone.",
        "A front stash pocket swallows a wet shell so it stays away from dry kit.",
    ])
    care = r.choice(["Empty it, brush out grit and sponge clean with mild soap and lukewarm water. Hang it to dry away from direct heat; never machine wash it.",
                     "After a wet trip, open every pocket and hang it upside down to dry. Clean buckles and zips with fresh water if you've been near the sea."])
    tags = {"pack"} if brand == "Ridgeline" else set()
    if kind == "trek" and litres >= 55 and brand == "Ridgeline":
        tags.add("rent")
    var = colour_variants(r, r.choice([2, 3])) if "S/M" not in back else [f"{c}, S/M or M/L back" for c in pick(r, COLOURS, 2)]
    return dict(price=price, brand=brand, specs=specs, variants=var, desc=desc, care=care, tags=tags)


def b_stove(name, info, r):
    kind = info
    if kind == "fuel":
        net = int(re.search(r"(\d+) g", name).group(1))
        specs = [
            ("Net fuel", f"{net} g"),
            ("Gas mix", r.choice(["Butane/propane 70/30", "Isobutane/propane 80/20"])),
            ("Burn time", f"About {int(net / 230 * 75)} minutes on full power"),
            ("Boils", f"About {int(net / 230 * 18)} litres of water"),
            ("Connection", "Self-sealing screw thread"),
            ("Gross weight", grams(net + {100: 100, 230: 150, 450: 210}[net])),
        ]
        price = {100: 5.95, 230: 7.95, 450: 11.95}[net]
        desc = f"The {name} is a screw-thread gas canister that fits most lightweight stoves. " + r.choice([
            "The winter-friendly gas mix keeps pressure up on cold mornings.",
            "It's the everyday size for weekend trips."])
        care = "Store below 50 °C, out of direct sun and away from heat. Never pierce or burn an empty canister; recycle it with metal waste once it's completely empty."
        return dict(price=price, brand="Ridgeline", specs=specs, variants=["Single canister"], desc=desc, care=care, tags={"fuel"})
    outw = {"canister": r.randrange(2400, 3100, 100), "ti": r.randrange(2200, 2600, 100), "piezo": r.randrange(2500, 3000, 100),
            "ics": r.randrange(1400, 1800, 100), "two": r.randrange(4200, 5200, 100), "one": r.randrange(2200, 2800, 100), "spirit": 1200,
            "multi": r.randrange(2600, 3000, 100), "wood": 0, "remote": r.randrange(2600, 3200, 100), "windproof": r.randrange(2400, 2800, 100)}[kind]
    w = {"canister": 90, "ti": 56, "piezo": 98, "ics": 420, "two": 2900, "one": 1700, "spirit": 760, "multi": 390, "wood": 480,
         "remote": 190, "windproof": 230}[kind] + r.randrange(0, 40)
    if "1.8 L" in name:
        w += 140
    boil = {"ics": f"{r.choice([2, 2, 3])} min {r.randrange(0, 50, 10):02d} s", "wood": "About 8 min", "spirit": "About 9 min"}.get(
        kind, f"{r.choice([3, 3, 4])} min {r.randrange(0, 50, 10):02d} s")
    fuel = {"spirit": "Methylated spirit", "multi": "Gas canister, white gas or kerosene", "wood": "Twigs, pine cones, wood pellets",
            "two": "Gas cartridges or propane bottle with adapter", "one": "Gas cartridges"}.get(kind, "Screw-thread gas canister")
    specs = [
        ("Output", f"{outw:,} W" if outw else "Depends on fuel"),
        ("Boil time (1 L)", boil),
        ("Weight", kg(w)),
        ("Fuel", fuel),
        ("Ignition", "Piezo" if kind in ("piezo", "ics", "two", "remote") else "Manual (matches or lighter)"),
    ]
    if kind == "ics":
        specs.append(("Pot", "1.8 L hard-anodised aluminium with heat exchanger" if "1.8 L" in name else "1 L hard-anodised aluminium with heat exchanger"))
    if kind in ("canister", "ti", "piezo", "remote", "windproof"):
        specs.append(("Pot supports", r.choice(["Three folding arms, up to 20 cm pots", "Four serrated arms, up to 22 cm pots"])))
    price = {"canister": 34, "ti": 59, "piezo": 44, "ics": 129, "two": 99, "one": 39, "spirit": 69, "multi": 159, "wood": 49,
             "remote": 79, "windproof": 64}[kind]
    if "1.8 L" in name:
        price += 20
    price = nice_price(r, price, price + 8)
    desc = r.choice([f"The {name} is a {'light, packable' if w < 300 else 'stable'} stove for {{use}}.",
                     f"For {{use}}, the {name} is hard to beat."]).format(use={
        "canister": "quick brews at lunch stops", "ti": "ultralight trips where grams matter", "piezo": "everyday camping with push-button lighting",
        "ics": "boiling water fast in wind", "two": "car camping and family pitches", "one": "simple camp cooking",
        "spirit": "quiet, reliable cooking with almost nothing to go wrong", "multi": "long trips abroad where gas is hard to find",
        "wood": "trips where you'd rather burn twigs than carry fuel", "remote": "cooking with big pots on a low, stable base",
        "windproof": "exposed, breezy pitches"}[kind])
    desc += " " + r.choice(["Fuel is sold separately.", "It packs into its own hard case.", "A simmer control lets you cook, not just boil."])
    care = "Let it cool completely before packing. Keep the jet clean and check the seal and threads before each trip; never use a stove with a damaged valve. Read our stove and fuel safety guide before using it near a tent."
    tags = {"stove"}
    return dict(price=price, brand="Ridgeline", specs=specs, variants=["Single size"], desc=desc, care=care, tags=tags)


def b_cook(name, info, r):
    cap, mat, kind = info
    w = {"pot": 90, "set": 380, "pan": 210, "mug": 70, "spork": 18, "spoon": 19, "bowl": 85, "perc": 520, "screen": 140, "gripper": 45}[kind] + r.randrange(0, 60)
    if kind == "set" and "4-Person" in name:
        w += 500
    material = {"ti": "Grade 2 titanium", "alu": "Hard-anodised aluminium", "steel": "18/8 stainless steel",
                "sil": "Food-grade silicone with aluminium rim", "nylon": "Glass-reinforced nylon"}[mat]
    specs = [("Capacity", cap)] if cap else []
    specs += [
        ("Material", material),
        ("Weight", grams(w)),
        ("Dimensions", f"{r.randrange(8, 22)} × {r.randrange(6, 16)} cm" if kind not in ("spork", "spoon") else f"{r.randrange(16, 23)} cm long"),
        ("Dishwasher safe", "Yes" if mat in ("steel", "sil", "nylon") else "Hand wash recommended"),
    ]
    if kind in ("pot", "set", "mug"):
        specs.append(("Nests with", r.choice(["A 230 g gas canister and small stove", "A 100 g gas canister", "Most folding stoves"])))
    price = nice_price(r, {"pot": 24, "set": 45, "pan": 29, "mug": 14, "spork": 5, "spoon": 8, "bowl": 9, "perc": 34, "screen": 12, "gripper": 6}[kind],
                       {"pot": 45, "set": 75, "pan": 39, "mug": 29, "spork": 7, "spoon": 12, "bowl": 14, "perc": 44, "screen": 16, "gripper": 9}[kind])
    desc = f"The {name} is made from {material.lower()}" + (f" and holds {cap}." if cap else ".") + " " + r.choice([
        "Folding handles lock firmly in use and tuck away for packing.",
        "Measuring marks inside make it easy to get water quantities right.",
        "It's light enough to take on every trip without thinking about it.",
        "Rounded edges make it easy to clean at the end of the day.",
    ])
    care = r.choice(["Wash with warm water and a little washing-up liquid, and dry before packing.",
                     "Clean with a soft sponge; avoid scourers on coated surfaces. Let it dry fully to stop tarnish."])
    var = ["Natural titanium"] if mat == "ti" else colour_variants(r, r.choice([1, 2]))
    return dict(price=price, brand="Ridgeline", specs=specs, variants=var, desc=desc, care=care, tags=set())


def b_shell(name, info, r):
    kind, who = info
    hh = {"jacket": r.choice([20000, 25000, 28000]), "packable": r.choice([10000, 15000]), "mountain": r.choice([28000, 30000]),
          "trousers": r.choice([15000, 20000]), "kids": 10000}[kind]
    br = {"jacket": r.choice([20000, 25000]), "packable": 12000, "mountain": 30000, "trousers": 15000, "kids": 8000}[kind]
    layers = {"jacket": "3-layer", "packable": "2.5-layer", "mountain": "3-layer", "trousers": "2.5-layer", "kids": "2-layer"}[kind]
    w = {"jacket": 390, "packable": 230, "mountain": 470, "trousers": 310, "kids": 280}[kind] + r.randrange(-20, 60)
    if who == "W":
        w -= 30
    specs = [
        ("Waterproof rating", f"{hh:,} mm"),
        ("Breathability", f"{br:,} g/m²/24h"),
        ("Fabric", f"{layers} recycled nylon with PU membrane"),
        ("Weight (size M)", grams(w)),
    ]
    if kind != "trousers":
        specs.append(("Hood", {"mountain": "Helmet-compatible, three-way adjustable", "kids": "Fixed, with peak"}.get(kind, "Adjustable with wired peak")))
        specs.append(("Pockets", r.choice(["2 hand pockets, 1 chest pocket", "2 harness-friendly chest pockets", "2 hand pockets"])))
    else:
        specs.append(("Leg zips", r.choice(["Full-length two-way side zips", "Three-quarter side zips"])))
    specs.append(("Fit", r.choice(["Regular", "Regular, room for a fleece underneath"])))
    sizes = MENS if who == "M" else WOMENS if who == "W" else ["5-6 y", "7-8 y", "9-10 y", "11-12 y"]
    price = nice_price(r, {"jacket": 179, "packable": 99, "mountain": 299, "trousers": 109, "kids": 59}[kind],
                       {"jacket": 229, "packable": 129, "mountain": 359, "trousers": 149, "kids": 69}[kind])
    desc = r.choice([f"The {name} is a {layers} waterproof rated to {hh:,} mm, for {{use}}.",
                     f"Built for {{use}}, the {name} keeps rain out with a {hh:,} mm waterproof rating."]).format(use={
        "jacket": "all-day hillwalking in changeable weather", "packable": "showers on summer walks and travel",
        "mountain": "winter mountaineering and Atlantic storms", "trousers": "wet bogs, heather and driving rain",
        "kids": "muddy family walks and school trips"}[kind])
    desc += " " + r.choice(["Taped seams and water-resistant zips seal the weak points.",
                            "Underarm vents let heat out on the climbs.",
                            "It stuffs into its own pocket when the sun comes out.",
                            "A longer back hem keeps you dry when you sit down."])
    care = "Machine wash at 30 °C with a technical wash, then tumble dry on low to revive the water-repellent finish. Don't use fabric conditioner, and reproof when water stops beading on the surface."
    return dict(price=price, brand="Ridgeline", specs=specs, variants=colour_variants(r, r.choice([2, 3]), sizes), desc=desc, care=care, tags={"clothing"})


def b_insul(name, info, r):
    kind, who = info
    down = kind in ("down", "vest", "parka", "kidsdown", "trousers")
    fp = r.choice([700, 750, 800]) if down else None
    fill_g = {"down": 110, "vest": 70, "parka": 210, "kidsdown": 80, "trousers": 120, "hybrid": 0, "hoody": 0}[kind] + r.randrange(0, 30)
    w = fill_g + {"down": 200, "vest": 130, "parka": 330, "kidsdown": 190, "trousers": 190, "hybrid": 330, "hoody": 410}[kind] + r.randrange(0, 40)
    if who == "W":
        w -= 25
    fill = f"{fill_g} g duck down, {fp} fill power" if down else (
        "Synthetic insulation 60 g/m² front and back, stretch fleece sides" if kind == "hybrid" else "Synthetic insulation 100 g/m²")
    specs = [("Insulation", fill), ("Weight (size M)", grams(w)),
             ("Shell fabric", r.choice(["20D recycled nylon, water-repellent finish", "30D ripstop nylon, water-repellent finish"])),
             ("Packs into", r.choice(["Its own chest pocket", "Included stuff sack"])),
             ("Fit", "Roomy belay fit, goes over a shell" if kind == "parka" else "Regular")]
    sizes = MENS if who == "M" else WOMENS if who == "W" else ["5-6 y", "7-8 y", "9-10 y", "11-12 y"] if who == "K" else ["S", "M", "L", "XL"]
    price = nice_price(r, {"down": 169, "vest": 119, "parka": 269, "kidsdown": 79, "trousers": 149, "hybrid": 129, "hoody": 139}[kind],
                       {"down": 209, "vest": 139, "parka": 309, "kidsdown": 89, "trousers": 169, "hybrid": 149, "hoody": 159}[kind])
    desc = (f"The {name} is insulated with {fp} fill power down" if down else f"The {name} uses synthetic insulation that stays warm when damp") + r.choice([
        ", for cold belays and frosty camps.", ", a warm layer for stops on winter walks.", ", light enough to live in the bottom of your pack."])
    desc += " " + r.choice(["Elasticated cuffs and an adjustable hem seal in heat.",
                            "Stitch-through baffles keep the insulation where it should be.",
                            "Two zipped hand pockets are lined for cold fingers."])
    care = ("Wash with a down-specific wash and tumble dry on low with tennis balls until all clumps are gone; see our down care guide. Store it hanging or loosely folded, not compressed."
            if down else "Machine wash at 30 °C and tumble dry on low. Store it loose rather than compressed so the insulation keeps its loft.")
    return dict(price=price, brand="Ridgeline", specs=specs, variants=colour_variants(r, 2, sizes), desc=desc, care=care, tags={"clothing"})


def b_fleece(name, info, r):
    kind, who = info
    gsm = {"grid": 190, "half": 240, "gilet": 240, "merino": 200, "legg": 200}[kind]
    w = {"grid": 290, "half": 340, "gilet": 230, "merino": 180, "legg": 170}[kind] + r.randrange(-10, 40)
    if who == "W":
        w -= 25
    fabric = f"Recycled polyester grid fleece, {gsm} g/m²" if kind in ("grid",) else f"Recycled polyester fleece, {gsm} g/m²" if kind in ("half", "gilet") else f"Merino wool, {gsm} g/m²"
    specs = [("Fabric", fabric), ("Weight (size M)", grams(w)),
             ("Zip", {"grid": "Full-length", "half": "Half-length", "gilet": "Full-length", "merino": "None, crew neck", "legg": "None"}[kind]),
             ("Fit", "Close-fitting" if kind in ("merino", "legg") else "Regular"),
             ("Thumb loops", "Yes" if kind in ("grid", "merino") else "No")]
    sizes = MENS if who == "M" else WOMENS
    price = nice_price(r, {"grid": 69, "half": 59, "gilet": 49, "merino": 64, "legg": 59}[kind], {"grid": 89, "half": 75, "gilet": 62, "merino": 79, "legg": 72}[kind])
    desc = f"The {name} is a " + {"grid": "breathable grid fleece for moving fast in the cold",
                                  "half": "classic warm fleece for cool days",
                                  "gilet": "warm core layer that leaves your arms free",
                                  "merino": "soft merino base layer that doesn't hold on to smells",
                                  "legg": "merino base layer for frosty mornings"}[kind] + ". " + r.choice([
        "Flatlock seams won't rub under a pack.", "It layers neatly under a shell.", "A dropped hem covers your back when you bend."])
    care = "Machine wash at 30 °C inside out, and dry flat or on a line. Skip fabric conditioner, which clogs the fibres." if kind not in ("merino", "legg") else "Wash at 30 °C on a wool cycle with a wool-safe detergent and dry flat. Merino needs washing less often than synthetics; airing it overnight is often enough."
    return dict(price=price, brand="Ridgeline", specs=specs, variants=colour_variants(r, 2, sizes), desc=desc, care=care, tags={"clothing"})


def b_boot(name, info, r):
    kind, who = info
    w = {"mid": 1180, "low": 820, "approach": 780, "leather": 1420, "b2": 1650, "trail": 590, "kids": 760, "booties": 220}[kind] + r.randrange(-40, 110, 10)
    if who == "W":
        w -= 140
    upper = {"mid": "Suede and recycled mesh", "low": "Suede and mesh", "approach": "Suede with rubber rand", "leather": "2.6 mm full-grain leather",
             "b2": "3 mm full-grain leather with rubber rand", "trail": "Engineered mesh", "kids": "Suede and mesh", "booties": "Ripstop nylon with synthetic fill"}[kind]
    specs = [
        ("Weight (pair, EU 42)" if who != "K" else "Weight (pair, EU 34)", grams(w)),
        ("Upper", upper),
        ("Waterproofing", "Waterproof breathable membrane" if kind in ("mid", "leather", "b2", "kids") else "Water-repellent finish only" if kind != "booties" else "None"),
        ("Outsole", {"booties": "Soft grip dots"}.get(kind, f"TrailGrip rubber, {r.choice([4, 5, 6])} mm lugs")),
        ("Heel-to-toe drop", f"{ {'trail': r.choice([4, 6]), 'approach': 8, 'booties': 0}.get(kind, r.choice([10, 12, 14])) } mm"),
        ("Crampon compatibility", {"b2": "B2 (semi-automatic)", "leather": "B1 (strap-on)"}.get(kind, "None")),
    ]
    sizes = "EU 40–47" if who == "M" else "EU 36–42" if who == "W" else "EU 28–35" if who == "K" else "S, M, L, XL"
    price = nice_price(r, {"mid": 149, "low": 119, "approach": 129, "leather": 189, "b2": 259, "trail": 119, "kids": 69, "booties": 39}[kind],
                       {"mid": 179, "low": 139, "approach": 149, "leather": 219, "b2": 289, "trail": 139, "kids": 79, "booties": 49}[kind])
    desc = f"The {name} is made for " + {"mid": "rocky, wet hill paths where ankles need support",
                                         "low": "well-made trails and travel",
                                         "approach": "scrambly walk-ins to the crag and easy rock",
                                         "leather": "boggy hillwalking in all weathers",
                                         "b2": "winter hillwalking and easy mountaineering with crampons",
                                         "trail": "running on mixed trails and forest paths",
                                         "kids": "young feet on family walks",
                                         "booties": "warm feet in the tent and the bothy"}[kind] + ". " + r.choice([
        "A padded collar and gusseted tongue keep grit out.", "The lacing runs to the toe for a precise fit.",
        "A rubber toe cap takes the knocks.", "The midsole is firm enough for long descents."])
    care = ("Brush off mud after every walk and let them dry slowly at room temperature, never on a radiator. Treat leather with a wax or proofing product a few times a season."
            if kind not in ("booties",) else "Hand wash in lukewarm water and leave to dry naturally.")
    var = [f"{c}, {sizes}" for c in pick(r, COLOURS, r.choice([1, 2]))]
    return dict(price=price, brand="Ridgeline", specs=specs, variants=var, desc=desc, care=care, tags={"footwear"})


def b_light(name, info, r):
    kind = info
    lm = int(m.group(1)) if (m := re.search(r"(\d{3})", name)) else {"kids": 60, "mini": 100, "red": 150}.get(kind, 200)
    dist = int(lm ** 0.5 * 4.6 + r.randrange(-5, 6)) if kind != "lantern" else None
    rech = kind in ("recharge", "run", "lantern") or lm >= 500
    hi = round(r.uniform(2, 5) if lm >= 400 else r.uniform(4, 9), 1)
    lo = r.choice([80, 100, 120, 150, 200])
    w = {"head": 70, "recharge": 95, "kids": 52, "run": 110, "lantern": 180, "mini": 55, "red": 78}[kind] + r.randrange(0, 25)
    specs = [("Maximum output", f"{lm} lumens")]
    if dist:
        specs.append(("Beam distance", f"{dist} m"))
    specs += [
        ("Burn time on high", f"{hi:g} hours"),
        ("Burn time on low", f"{lo} hours"),
        ("Battery", f"Built-in {r.choice([1800, 2200, 3200])} mAh, USB-C rechargeable" if rech else "3 × AAA (included)"),
        ("Weight", f"{w} g"),
        ("Water resistance", r.choice(["IPX4 (splash-proof)", "IPX7 (submersible to 1 m)"]) if kind != "lantern" else "IPX4 (splash-proof)"),
        ("Red light", "Yes" if kind in ("red", "head", "recharge", "run") else "No"),
    ]
    price = nice_price(r, 15 + lm / 12, 20 + lm / 12)
    desc = f"The {name} puts out up to {lm} lumens" + r.choice([" for night navigation and early starts.", " for camp chores and walking out after dark.", "."]) + " " + r.choice([
        "A lock mode stops it switching on in your pack.", "The battery level shows when you switch it on.",
        "One button cycles through the modes, even with gloves on.", "It tilts to point light where you need it."])
    care = "Charge it fully before storing, and top it up every few months. Wipe the lens clean; remove alkaline batteries if you won't use it for a while." if rech else "Take the batteries out for storage so they can't leak, and keep the battery contacts dry."
    return dict(price=price, brand="Ridgeline", specs=specs, variants=colour_variants(r, r.choice([1, 2])), desc=desc, care=care, tags=set())


def b_poles(name, info, r):
    shaft, kind = info
    w = {"alloy": 500, "carbon": 380}[shaft] + r.randrange(-30, 50, 10)
    if kind == "single":
        w //= 2
    rng_len = {"fold": r.choice(["110–130 cm", "120–140 cm"]), "tele": "105–135 cm", "nordic": "Fixed 110, 115 or 120 cm",
               "kids": "80–110 cm", "single": "105–140 cm", "run": "Fixed 115, 120 or 125 cm"}[kind]
    packed = {"fold": r.randrange(36, 42), "tele": r.randrange(62, 68), "nordic": "Not collapsible", "kids": 58, "single": 64, "run": r.randrange(34, 39)}[kind]
    specs = [
        ("Length range", rng_len),
        ("Packed length", f"{packed} cm" if isinstance(packed, int) else packed),
        ("Weight (pair)" if kind != "single" else "Weight", grams(w)),
        ("Shaft", "7075 aluminium" if shaft == "alloy" else "Carbon fibre"),
        ("Grip", "Natural cork" if "Cork" in name else r.choice(["EVA foam", "EVA foam with extended grip"])),
        ("Locking", "Push-button fold-out" if kind in ("fold", "run") else "External lever locks"),
    ]
    price = nice_price(r, {"alloy": 45, "carbon": 95}[shaft], {"alloy": 69, "carbon": 129}[shaft])
    desc = f"The {name} " + r.choice(["take the strain off your knees on long descents.", "give you balance on river crossings and loose ground.",
                                       "fold away quickly when the path turns to scrambling."]) + " " + r.choice([
        "Tungsten tips bite on rock; rubber paws are included for tarmac.", "Wide trekking baskets stop them sinking in bog.",
        "The wrist straps are padded and easy to adjust."])
    if kind == "single":
        desc = desc.replace("take", "takes").replace("give", "gives").replace("fold", "folds")
    care = "Separate the sections after a wet walk and let them dry before you collapse them again. Check the locks and tips before each trip."
    return dict(price=price, brand="Ridgeline", specs=specs, variants=colour_variants(r, 2), desc=desc, care=care, tags=set())


def b_filter(name, info, r):
    kind = info
    if kind == "uv":
        specs = [("Treatment", "UV-C light"), ("Treats", "0.5 L in 48 seconds"), ("Removes", "Bacteria, protozoa and viruses"),
                 ("Battery", "USB-C rechargeable, about 60 treatments per charge"), ("Weight", "140 g")]
        return dict(price=89.0, brand="Ridgeline", specs=specs, variants=["Graphite"], desc=f"The {name} treats clear water with UV-C light: stir for under a minute and it's safe to drink. Use it with clear water; filter cloudy water first.",
                    care="Keep the lamp clean and dry, charge it before every trip and store it in its case.", tags={"filter"})
    if kind == "tabs":
        specs = [("Treats", "1 L per tablet"), ("Contact time", "30 minutes (4 hours for cold or cloudy water)"), ("Removes", "Bacteria, viruses and most protozoa"),
                 ("Active ingredient", "Chlorine dioxide"), ("Pack", "50 tablets in foil strips")]
        return dict(price=12.95, brand="Ridgeline", specs=specs, variants=["Pack of 50"], desc=f"The {name} are a light backup for any filter. Drop one into a litre of water and wait before drinking.",
                    care="Keep them in their foil until use, in a cool dry place.", tags={"filter"})
    life = {"squeeze": r.choice([1000, 1500]), "mini": r.choice([500, 750]), "gravity": 1500, "bottle": r.choice([300, 400]), "cart": 1500, "cartb": 400}[kind]
    flow = {"squeeze": r.choice([1.5, 1.7, 2.0]), "mini": r.choice([0.5, 0.7]), "gravity": r.choice([1.2, 1.5]), "bottle": 0.4, "cart": 1.7, "cartb": 0.4}[kind]
    if kind == "gravity":
        cap = re.search(r"(\d+ L)", name).group(1) + " dirty-water reservoir"
    elif kind == "bottle":
        cap = re.search(r"(\d+(?: ml| L))", name).group(1) + " bottle"
    else:
        cap = {"squeeze": "1 L soft pouch included", "mini": "0.5 L soft pouch included"}.get(kind, "Cartridge only")
    w = {"squeeze": 85, "mini": 52, "gravity": 310, "bottle": 170, "cart": 60, "cartb": 45}[kind] + r.randrange(0, 40)
    specs = [("Flow rate", f"{flow:g} L per minute"), ("Cartridge life", f"{life:,} litres"), ("Pore size", "0.1 micron hollow fibre"),
             ("Removes", "Bacteria and protozoa"), ("Capacity", cap), ("Weight", f"{w} g")]
    price = nice_price(r, {"squeeze": 34, "mini": 24, "gravity": 59, "bottle": 29, "cart": 22, "cartb": 14}[kind],
                       {"squeeze": 42, "mini": 29, "gravity": 79, "bottle": 39, "cart": 26, "cartb": 18}[kind])
    desc = f"The {name} " + {"squeeze": "screws onto the pouch or a standard bottle and filters as you squeeze.",
                              "mini": "is a tiny filter for runners and day walkers.",
                              "gravity": "filters water for a whole group while you pitch the tents: hang it up and let gravity work.",
                              "bottle": "filters as you drink, so you can fill up from any stream.",
                              "cart": "is the replacement cartridge for the Clearwater Squeeze Filter.",
                              "cartb": "is the replacement cartridge for Spring filter bottles."}[kind] + " " + r.choice([
        "Backflushing restores the flow when it slows.", "It needs no pumping and no batteries.", "The cartridge is easy to swap in the field."])
    care = "Backflush after every trip and leave it to dry with the caps off. Never let it freeze with water inside; see our water filter care guide."
    return dict(price=price, brand="Ridgeline", specs=specs, variants=["Single size"] if kind in ("cart", "cartb") else colour_variants(r, 1), desc=desc, care=care, tags={"filter"})


def b_climb(name, info, r):
    kind = info
    if kind == "harness":
        w = r.randrange(300, 420, 5)
        specs = [("Weight (size M)", f"{w} g"), ("Gear loops", str(r.choice([4, 4, 5]))), ("Leg loops", r.choice(["Adjustable", "Fixed elastic"])),
                 ("Standard", "EN 12277 and UIAA"), ("Sizes", "XS, S, M, L, XL" if "Kids" not in name else "One size, 20–40 kg")]
        price, use = nice_price(r, 55, 85), "sport climbing and long days at the crag"
    elif kind == "helmet":
        w = r.randrange(220, 340, 5)
        specs = [("Weight", f"{w} g"), ("Construction", r.choice(["EPS foam with polycarbonate shell", "EPP foam, in-mould shell"])),
                 ("Head circumference", r.choice(["52–58 cm", "54–61 cm"])), ("Ventilation holes", str(r.randrange(8, 18))), ("Standard", "EN 12492 and UIAA")]
        price, use = nice_price(r, 55, 95), "trad, sport and alpine routes"
    elif kind == "rope":
        dia = re.search(r"(\d+\.\d) mm", name).group(1)
        length = re.search(r"(\d+) m\b", name).group(1)
        gpm = int(float(dia) * 6.3 + r.randrange(-3, 3))
        specs = [("Diameter", f"{dia} mm"), ("Length", f"{length} m"), ("Weight per metre", f"{gpm} g/m"),
                 ("UIAA falls", str(r.choice([6, 7, 8, 9]) if "Half" not in name else 18)), ("Impact force", f"{r.choice([8.2, 8.6, 8.9, 9.1])} kN"),
                 ("Dry treatment", "Sheath and core" if "Dry" in name else "None"), ("Type", "Half rope" if "Half" in name else "Single rope")]
        price, use = nice_price(r, 99 + int(length), 129 + int(length)), "indoor walls and outdoor sport routes" if "Dry" not in name else "ice, mixed and wet mountain routes"
    elif kind in ("screwgate", "wiregate", "quickdraw"):
        w = {"screwgate": r.randrange(70, 85), "wiregate": r.randrange(28, 36), "quickdraw": r.randrange(85, 105)}[kind]
        specs = [("Major-axis strength", f"{r.choice([22, 23, 24, 25])} kN"), ("Gate opening", f"{r.randrange(18, 27)} mm"),
                 ("Weight", f"{w} g"), ("Gate", {"screwgate": "Screw lock", "wiregate": "Wire gate", "quickdraw": "Solid top, wire bottom"}[kind])]
        if kind == "quickdraw":
            specs.append(("Sling length", re.search(r"(\d+) cm", name).group(1) + " cm"))
        price, use = nice_price(r, {"screwgate": 12, "wiregate": 7, "quickdraw": 16}[kind], {"screwgate": 16, "wiregate": 9, "quickdraw": 21}[kind]), "building anchors and belaying" if kind == "screwgate" else "racking and clipping on lead"
    elif kind in ("tube", "assisted"):
        w = {"tube": r.randrange(65, 90), "assisted": r.randrange(180, 230)}[kind]
        specs = [("Weight", f"{w} g"), ("Rope diameter", "8.9–10.5 mm" if kind == "assisted" else "7.7–11 mm"),
                 ("Type", "Tube style with guide mode" if kind == "tube" else "Assisted braking"), ("Standard", "EN 15151")]
        price, use = nice_price(r, {"tube": 22, "assisted": 69}[kind], {"tube": 29, "assisted": 89}[kind]), "belaying at the wall and on multi-pitch"
    elif kind == "sling":
        specs = [("Length", "120 cm"), ("Width", "10 mm"), ("Strength", "22 kN"), ("Material", "Dyneema and polyamide"), ("Weight", f"{r.randrange(24, 32)} g")]
        price, use = nice_price(r, 9, 12), "extending runners and building anchors"
    else:  # chalk bag, nut key
        specs = [("Weight", f"{r.randrange(40, 110)} g"), ("Material", r.choice(["Recycled polyester with fleece lining", "Stainless steel"]) if "Chalk" in name else "Stainless steel"),
                 ("Includes", "Waist belt and brush loop" if "Chalk" in name else "Leash and wiregate")]
        price, use = nice_price(r, 12, 19), "every session at the crag"
    desc = f"The {name} is for {use}. " + r.choice(["Every batch is tested to the standard shown below.", "Simple, tough and easy to check before each climb.",
                                                  "Bright colours make it easy to spot on a busy belay ledge."])
    care = "Inspect before every use and keep away from chemicals, sharp edges and strong sun. Our climbing gear care guide explains when to retire it."
    return dict(price=price, brand="Ridgeline", specs=specs, variants=colour_variants(r, r.choice([1, 2])), desc=desc, care=care, tags={"climbing"})


def b_acc(name, info, r):
    kind = info
    if kind == "drybag":
        cap = re.search(r"(\d+ L)", name).group(1)
        specs = [("Capacity", cap), ("Material", r.choice(["70D nylon, TPU coated", "Recycled polyester, PU coated"])), ("Closure", "Roll-top with buckle"),
                 ("Weight", f"{r.randrange(30, 120)} g")]
        price, what = nice_price(r, 9, 24), "keeps spare clothes and electronics dry in a pack or kayak"
    elif kind == "gaiters":
        specs = [("Height", r.choice(["38 cm", "42 cm"])), ("Fabric", "2-layer waterproof nylon with abrasion-resistant lower"), ("Weight (pair)", f"{r.randrange(170, 260)} g"),
                 ("Fastening", "Front zip with storm flap, underfoot strap")]
        price, what = nice_price(r, 35, 49), "keep bog water and heather out of your boots"
    elif kind == "gloves":
        specs = [("Fabric", "Waterproof membrane with fleece lining" if "Waterproof" in name else "Recycled polyester fleece"), ("Weight (pair, size M)", f"{r.randrange(45, 120)} g"),
                 ("Touchscreen tips", r.choice(["Yes", "No"])), ("Sizes", "S, M, L, XL")]
        price, what = nice_price(r, 19, 45), "keep your hands working on cold, wet days"
    elif kind == "socks":
        specs = [("Composition", r.choice(["64% merino, 34% nylon, 2% elastane", "52% merino, 46% nylon, 2% elastane"])), ("Cushioning", "Midweight, full cushion" if "Midweight" in name else "Light, cushioned sole"),
                 ("Height", "Crew"), ("Sizes", "S (EU 36–38), M (39–42), L (43–46)")]
        price, what = nice_price(r, 17, 22), "stay comfortable over long miles and dry quickly overnight"
    elif kind == "hat":
        specs = [("Fabric", "Merino wool, 250 g/m²"), ("Weight", f"{r.randrange(40, 70)} g"), ("Sizes", "One size")]
        price, what = nice_price(r, 24, 32), "keeps your head warm on summits and at camp"
    elif kind == "net":
        specs = [("Mesh", "Fine no-see-um mesh"), ("Weight", "22 g"), ("Fits", "Over a cap or hat")]
        price, what = 8.95, "keeps midges off your face on still summer evenings"
    elif kind == "firstaid":
        specs = [("Contents", "Plasters, blister dressings, bandages, tape, tick remover, foil blanket, tweezers"), ("Weight", f"{r.randrange(180, 260)} g"),
                 ("Case", "Water-resistant zip pouch")]
        price, what = nice_price(r, 24, 34), "covers the small injuries of a weekend on the hill"
    elif kind == "chair":
        specs = [("Weight", kg(r.randrange(900, 2600, 10))), ("Maximum load", f"{r.choice([110, 120, 130])} kg"), ("Seat height", f"{r.choice([28, 32, 44])} cm"),
                 ("Packed size", f"{r.randrange(35, 90)} × {r.randrange(10, 16)} cm")]
        price, what = nice_price(r, 39, 79), "gives you a proper seat at camp"
    else:  # table
        specs = [("Table top", "70 × 50 cm"), ("Weight", kg(r.randrange(1800, 2600, 10))), ("Maximum load", "30 kg"), ("Packed size", "72 × 12 × 9 cm")]
        price, what = nice_price(r, 49, 69), "gives you a steady surface for cooking and cards"
    desc = f"The {name} {what}. " + (r.choice(["It's small enough to leave in your pack all year.", "A simple piece of kit we use ourselves.",
                                               "Light, tough and easy to repair."]) if kind not in ("chair", "table") else
                                     r.choice(["It folds flat in seconds and stores in its own bag.", "The aluminium frame shrugs off years of campsite use."]))
    care = r.choice(["Rinse with fresh water after use and let it dry before storing.", "Wash by hand in lukewarm water and air dry."])
    return dict(price=price, brand="Ridgeline", specs=specs, variants=colour_variants(r, r.choice([1, 2])), desc=desc, care=care, tags=set())


# (category code, builder, [(name, info), ...])
CATALOGUE = [
    ("TNT", b_tent, [
        ("Ridge 2P Tent", (2, "backpacking")), ("Ridge 3P Tent", (3, "backpacking")), ("Burren 1P Tent", (1, "backpacking")),
        ("Burren 2P Tent", (2, "backpacking")), ("Errigal 2P Mountain Tent", (2, "mountain")), ("Errigal 3P Mountain Tent", (3, "mountain")),
        ("Mourne 2P Trekking Tent", (2, "trekking")), ("Mourne 3P Trekking Tent", (3, "trekking")), ("Connemara 3P Tunnel Tent", (3, "tunnel")),
        ("Nephin 4P Tunnel Tent", (4, "tunnel")), ("Corrib 4P Family Tent", (4, "family")), ("Corrib 6P Family Tent", (6, "family")),
        ("Skellig 1P Ultralight Shelter", (1, "ultralight")), ("Skellig 2P Ultralight Shelter", (2, "ultralight")), ("Beara 5P Tipi Tent", (5, "tipi")),
        ("Aran Bivvy Shelter", (1, "bivvy")), ("Slieve 2P Geodesic Tent", (2, "geodesic")),
    ]),
    ("SLB", b_bag, [
        ("Drift 0 Down Sleeping Bag", (0, "down")), ("Drift -5 Down Sleeping Bag", (-5, "down")), ("Drift -10 Down Sleeping Bag", (-10, "down")),
        ("Drift -15 Down Sleeping Bag", (-15, "down")), ("Hollow 5 Synthetic Sleeping Bag", (5, "synthetic")), ("Hollow 0 Synthetic Sleeping Bag", (0, "synthetic")),
        ("Hollow -5 Synthetic Sleeping Bag", (-5, "synthetic")), ("Ember 10 Summer Sleeping Bag", (10, "synthetic")), ("Ember 15 Travel Sleeping Bag", (15, "synthetic")),
        ("Cairn 650 Down Quilt", (2, "quilt")), ("Cairn 800 Down Quilt", (-2, "quilt")), ("Bothy Double Sleeping Bag", (4, "double")),
        ("Glen Junior Sleeping Bag", (6, "junior")), ("Shearwater -3 Women's Down Bag", (-3, "womens")), ("Shearwater -8 Women's Down Bag", (-8, "womens")),
        ("Tern Silk Sleeping Bag Liner", (0, "liner")),
    ]),
    ("MAT", b_mat, [
        ("Cushion 3 Self-Inflating Mat", "self"), ("Cushion 5 Self-Inflating Mat", "self"), ("Cushion 7.5 Self-Inflating Mat", "self"),
        ("Cushion 5 Self-Inflating Mat Long", "self"), ("Loft Air Mat", "air"), ("Loft Air Mat Long Wide", "air"), ("Loft Insulated Air Mat", "ins"),
        ("Fold Foam Mat", "foam"), ("Fold Foam Mat Short", "foam"), ("Dune Double Camp Mattress", "double"), ("Crag Sit Pad", "sit"),
        ("Peat Winter Air Mat", "winter"),
    ]),
    ("DAY", b_pack, [
        ("Summit 18 L Daypack", (18, "day", "Ridgeline")), ("Summit 22 L Daypack", (22, "day", "Ridgeline")), ("Summit 28 L Daypack", (28, "day", "Ridgeline")),
        ("Summit 35 L Daypack", (35, "day", "Ridgeline")), ("Tor 15 L Daypack", (15, "day", "Ridgeline")), ("Tor 20 L Daypack", (20, "day", "Ridgeline")),
        ("Scramble 25 L Daypack", (25, "day", "Ridgeline")), ("Scramble 30 L Daypack", (30, "day", "Ridgeline")), ("Quay 24 L Everyday Pack", (24, "day", "Ridgeline")),
        ("Fjellstrom Hike 26 L Daypack", (26, "day", "Fjellstrom")), ("Fjellstrom Hike 32 L Daypack", (32, "day", "Fjellstrom")),
        ("Alturo Trail 20 L Daypack", (20, "day", "Alturo")), ("Glen Kids 14 L Daypack", (14, "kids", "Ridgeline")),
    ]),
    ("TRK", b_pack, [
        ("Traverse 45+10 L Trekking Pack", (45, "trek", "Ridgeline", "45 L + 10 L extension")), ("Traverse 55+10 L Trekking Pack", (55, "trek", "Ridgeline", "55 L + 10 L extension")),
        ("Traverse 65+10 L Trekking Pack", (65, "trek", "Ridgeline", "65 L + 10 L extension")), ("Traverse Women's 50+10 L Trekking Pack", (50, "trek", "Ridgeline", "50 L + 10 L extension")),
        ("Kippure 50 L Trekking Pack", (50, "trek", "Ridgeline")), ("Kippure 60 L Trekking Pack", (60, "trek", "Ridgeline")),
        ("Wayfarer 40 L Travel Pack", (40, "travel", "Ridgeline")), ("Wayfarer 55 L Travel Pack", (55, "travel", "Ridgeline")),
        ("Fjellstrom Vidda 55 L Pack", (55, "trek", "Fjellstrom")), ("Fjellstrom Vidda 70 L Pack", (70, "trek", "Fjellstrom")),
        ("Alturo Crest 48 L Pack", (48, "trek", "Alturo")), ("Lightpath 40 L Frameless Pack", (40, "frameless", "Ridgeline")),
    ]),
    ("STV", b_stove, [
        ("Blaze Canister Stove", "canister"), ("Blaze Titanium Stove", "ti"), ("Blaze Piezo Stove", "piezo"),
        ("Inferno Integrated Cooking System 1 L", "ics"), ("Inferno Integrated Cooking System 1.8 L", "ics"), ("Hearth Two-Burner Camp Stove", "two"),
        ("Hearth Single-Burner Camp Stove", "one"), ("Spirit Burner Cook Set", "spirit"), ("Nomad Multi-Fuel Stove", "multi"),
        ("Kindling Wood Stove", "wood"), ("Spark Remote Canister Stove", "remote"), ("Flare Windproof Stove", "windproof"),
        ("Ridgeline Gas Canister 100 g", "fuel"), ("Ridgeline Gas Canister 230 g", "fuel"), ("Ridgeline Gas Canister 450 g", "fuel"),
    ]),
    ("CKW", b_cook, [
        ("Billy 750 ml Titanium Pot", ("750 ml", "ti", "pot")), ("Billy 1.1 L Titanium Pot", ("1.1 L", "ti", "pot")), ("Billy 1.6 L Aluminium Pot", ("1.6 L", "alu", "pot")),
        ("Clachan Cook Set 2-Person", ("1.4 L and 0.9 L pots", "alu", "set")), ("Clachan Cook Set 4-Person", ("2.5 L and 1.6 L pots, frying pan", "alu", "set")),
        ("Griddle 20 cm Non-Stick Pan", (None, "alu", "pan")), ("Brew Titanium Mug 450 ml", ("450 ml", "ti", "mug")), ("Brew Insulated Mug 350 ml", ("350 ml", "steel", "mug")),
        ("Folding Titanium Spork", (None, "ti", "spork")), ("Long-Handled Titanium Spoon", (None, "ti", "spoon")), ("Collapsible Camp Bowl", ("600 ml", "sil", "bowl")),
        ("Camp Percolator 6-Cup", ("900 ml", "steel", "perc")), ("Aluminium Stove Windshield", (None, "alu", "screen")), ("Pot Gripper", (None, "steel", "gripper")),
    ]),
    ("SHL", b_shell, [
        ("Squall Waterproof Jacket (Men's)", ("jacket", "M")), ("Squall Waterproof Jacket (Women's)", ("jacket", "W")),
        ("Torrent 3L Jacket (Men's)", ("jacket", "M")), ("Torrent 3L Jacket (Women's)", ("jacket", "W")),
        ("Mizzle Packable Jacket (Men's)", ("packable", "M")), ("Mizzle Packable Jacket (Women's)", ("packable", "W")),
        ("Gale Mountain Jacket (Men's)", ("mountain", "M")), ("Gale Mountain Jacket (Women's)", ("mountain", "W")),
        ("Drizzle Kids' Waterproof Jacket", ("kids", "K")), ("Squall Waterproof Trousers (Men's)", ("trousers", "M")),
        ("Squall Waterproof Trousers (Women's)", ("trousers", "W")), ("Torrent 3L Overtrousers (Men's)", ("trousers", "M")),
        ("Torrent 3L Overtrousers (Women's)", ("trousers", "W")), ("Mizzle Packable Overtrousers", ("trousers", "U")),
    ]),
    ("INS", b_insul, [
        ("Cinder Down Jacket (Men's)", ("down", "M")), ("Cinder Down Jacket (Women's)", ("down", "W")), ("Cinder Down Vest (Men's)", ("vest", "M")),
        ("Cinder Down Vest (Women's)", ("vest", "W")), ("Bivouac Belay Parka (Men's)", ("parka", "M")), ("Bivouac Belay Parka (Women's)", ("parka", "W")),
        ("Frost Hybrid Jacket (Men's)", ("hybrid", "M")), ("Frost Hybrid Jacket (Women's)", ("hybrid", "W")), ("Frost Synthetic Hoody (Men's)", ("hoody", "M")),
        ("Frost Synthetic Hoody (Women's)", ("hoody", "W")), ("Cinder Kids' Down Jacket", ("kidsdown", "K")), ("Bivouac Down Trousers", ("trousers", "U")),
    ]),
    ("FLC", b_fleece, [
        ("Heather Grid Fleece (Men's)", ("grid", "M")), ("Heather Grid Fleece (Women's)", ("grid", "W")), ("Heather Half-Zip Fleece (Men's)", ("half", "M")),
        ("Heather Half-Zip Fleece (Women's)", ("half", "W")), ("Heather Fleece Gilet (Men's)", ("gilet", "M")), ("Heather Fleece Gilet (Women's)", ("gilet", "W")),
        ("Sheepfold Merino Base Layer Top (Men's)", ("merino", "M")), ("Sheepfold Merino Base Layer Top (Women's)", ("merino", "W")),
        ("Sheepfold Merino Leggings (Men's)", ("legg", "M")), ("Sheepfold Merino Leggings (Women's)", ("legg", "W")),
    ]),
    ("BOT", b_boot, [
        ("Scree Mid Waterproof Boot (Men's)", ("mid", "M")), ("Scree Mid Waterproof Boot (Women's)", ("mid", "W")),
        ("Scree Low Hiking Shoe (Men's)", ("low", "M")), ("Scree Low Hiking Shoe (Women's)", ("low", "W")),
        ("Crag Approach Shoe (Men's)", ("approach", "M")), ("Crag Approach Shoe (Women's)", ("approach", "W")),
        ("Bogtrotter Leather Walking Boot (Men's)", ("leather", "M")), ("Bogtrotter Leather Walking Boot (Women's)", ("leather", "W")),
        ("Granite B2 Mountain Boot (Men's)", ("b2", "M")), ("Granite B2 Mountain Boot (Women's)", ("b2", "W")),
        ("Tarn Trail Runner (Men's)", ("trail", "M")), ("Tarn Trail Runner (Women's)", ("trail", "W")),
        ("Bogtrotter Kids' Walking Boot", ("kids", "K")), ("Hut Down Booties", ("booties", "U")),
    ]),
    ("LGT", b_light, [
        ("Beam 200 Headlamp", "head"), ("Beam 350 Headlamp", "head"), ("Beam 500 Headlamp", "recharge"), ("Beam 900 Rechargeable Headlamp", "recharge"),
        ("Glimmer Kids' Headlamp", "kids"), ("Stride 400 Running Headlamp", "run"), ("Stride 700 Running Headlamp", "run"),
        ("Moonrise 300 Camp Lantern", "lantern"), ("Moonrise 600 Camp Lantern", "lantern"), ("Firefly Mini Lantern", "mini"),
        ("Beacon Red-Light Headlamp", "red"), ("Beam 250 Compact Headlamp", "head"),
    ]),
    ("POL", b_poles, [
        ("Ashplant Alloy Trekking Poles", ("alloy", "tele")), ("Ashplant Carbon Trekking Poles", ("carbon", "tele")), ("Ashplant Cork Trekking Poles", ("alloy", "tele")),
        ("Hazel Alloy Folding Poles", ("alloy", "fold")), ("Hazel Carbon Folding Poles", ("carbon", "fold")), ("Hazel Women's Folding Poles", ("carbon", "fold")),
        ("Blackthorn Nordic Walking Poles", ("alloy", "nordic")), ("Blackthorn Trail Running Poles", ("carbon", "run")),
        ("Rowan Kids' Trekking Poles", ("alloy", "kids")), ("Rowan Single Walking Staff", ("alloy", "single")),
    ]),
    ("H2O", b_filter, [
        ("Clearwater Squeeze Filter", "squeeze"), ("Clearwater Mini Filter", "mini"), ("Clearwater Gravity Filter 4 L", "gravity"),
        ("Clearwater Gravity Filter 10 L", "gravity"), ("Spring Filter Bottle 750 ml", "bottle"), ("Spring Filter Bottle 1 L", "bottle"),
        ("Purewell UV Purifier Pen", "uv"), ("Purewell Purification Tablets", "tabs"), ("Clearwater Replacement Cartridge", "cart"),
        ("Spring Replacement Filter", "cartb"),
    ]),
    ("CLB", b_climb, [
        ("Crux Sport Harness", "harness"), ("Crux Alpine Harness", "harness"), ("Crux Women's Harness", "harness"), ("Crux Kids' Full-Body Harness", "harness"),
        ("Dome Climbing Helmet", "helmet"), ("Dome Lite Climbing Helmet", "helmet"),
        ("Gully 9.8 mm Single Rope 60 m", "rope"), ("Gully 9.8 mm Single Rope 70 m", "rope"), ("Gully 9.2 mm Dry Rope 60 m", "rope"), ("Gully 8.5 mm Half Rope 50 m", "rope"),
        ("Hook HMS Screwgate Carabiner", "screwgate"), ("Hook Wiregate Carabiner", "wiregate"), ("Hook Quickdraw 12 cm", "quickdraw"), ("Hook Quickdraw 17 cm", "quickdraw"),
        ("Grip Tube Belay Device", "tube"), ("Grip Assisted Belay Device", "assisted"), ("Dyneema Sling 120 cm", "sling"), ("Crag Chalk Bag", "chalk"),
    ]),
    ("ACC", b_acc, [
        ("Keep Dry Bag 5 L", "drybag"), ("Keep Dry Bag 20 L", "drybag"), ("Keep Dry Bag 35 L", "drybag"), ("Pack Liner 70 L", "drybag"),
        ("Bracken Waterproof Gaiters", "gaiters"), ("Bracken Waterproof Gloves", "gloves"), ("Heather Fleece Gloves", "gloves"),
        ("Trail Sock Merino Midweight", "socks"), ("Trail Sock Merino Lightweight", "socks"), ("Sheepfold Merino Beanie", "hat"),
        ("Midge Head Net", "net"), ("Waymark Hiker First Aid Kit", "firstaid"),
        ("Lough Camp Chair", "chair"), ("Lough Low Camp Chair", "chair"), ("Lough Folding Camp Table", "table"),
    ]),
]


def slugify(name):
    s = name.lower().replace("'", "")
    s = re.sub(r"\s-(\d)", r" minus-\1", s)
    s = s.replace("+", " plus ")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def build_products():
    products = []
    for code, builder, models in CATALOGUE:
        for n, (name, info) in enumerate(models, start=1):
            r = random.Random(f"{SEED}:{name}")  # per-product stream: stable if the list changes
            p = builder(name, info, r)
            outlet = name in OUTLET
            price = float(p["price"])
            if outlet:
                price = round(price * 0.6) - 0.05
            lines = []
            if "pack" in p["tags"]:
                lines.append("Backed by the Ridgeline Lifetime Guarantee.")
            if "rent" in p["tags"] and not outlet:
                lines.append("Want to try before you buy? Gear like this is in our rental fleet.")
            if outlet:
                lines.append("Outlet item: last season's colourway at a reduced price.")
            pool = [x for x in POLICYISH if not (outlet and x in NOT_FOR_OUTLET) and code in ONLY_FOR.get(x, {code})
                    and not ("no_tradein" in p["tags"] and "Second Ascent" in x)]
            if "fuel" in p["tags"] or "filter" in p["tags"] and "Cartridge" in name:
                pool = [x for x in pool if "Easy returns" not in x]
            if r.random() < 0.75:
                lines += r.sample(pool, r.choice([1, 1, 2]))
            products.append(dict(
                name=name, slug=slugify(name), sku=f"RO-{code}-{n:03d}", price=price_str(price), brand=p["brand"],
                category=code, specs=p["specs"], variants=p["variants"], desc=p["desc"], care=p["care"],
                extra=" ".join(lines), outlet=outlet, tags=p["tags"],
            ))
    return products


def product_markdown(p):
    desc = p["desc"] + (" " + p["extra"] if p["extra"] else "")
    head = f"Price: €{p['price']} · SKU: {p['sku']} · Brand: {p['brand']}"
    return (
        f"---\ntitle: {p['name']}\nurl: {SITE}/products/{p['slug']}\n---\n"
        f"# {p['name']}\n\n{head}\n\n{desc}\n\n"
        f"## Specifications\n\n{table(p['specs'])}\n\n"
        f"## Variants\n\n" + "\n".join(f"- {v}" for v in p["variants"]) + "\n\n"
        f"## Care\n\n{p['care']}\n"
    )


# ---------------------------------------------------------------------------------
# Orders.
# ---------------------------------------------------------------------------------

# (email, country group): IE, NI, EU1/EU2/EU3 (shipping zones), GB, US.
CUSTOMERS = [
    ("aoife.brennan@example.com", "IE"), ("ciaran.oduffy@example.net", "IE"), ("niamh.kelleher@example.org", "IE"),
    ("padraig.lynch@example.com", "IE"), ("sinead.mcgrath@example.net", "IE"), ("darragh.walsh@example.com", "IE"),
    ("orla.keane@example.org", "NI"), ("lukas.becker@example.de.example.com", "EU1"), ("marie.lefevre@example.org", "EU1"),
    ("joost.vandenberg@example.net", "EU1"), ("lucia.fernandez@example.com", "EU2"), ("matteo.ricci@example.org", "EU2"),
    ("anna.kowalska@example.net", "EU3"), ("eero.virtanen@example.com", "EU3"), ("hamish.fraser@example.com", "GB"),
    ("priya.shah@example.org", "GB"), ("tom.whitaker@example.net", "GB"), ("megan.oconnell@example.com", "US"),
    ("jacob.reyes@example.org", "US"), ("hannah.goldberg@example.net", "US"), ("sofia.almeida@example.com", "EU2"),
    ("fionn.gallagher@example.org", "IE"), ("katrin.hofer@example.net", "EU2"), ("ella.morrison@example.com", "GB"),
]
# A subdomain-looking local part isn't realistic; keep every address user@example.tld.
CUSTOMERS = [(e.replace("@example.de.example.com", "@example.com"), c) for e, c in CUSTOMERS]

SHIPPING = {
    # group: (standard carrier, standard cost, free over, express carrier, express cost)
    "IE": ("An Post", 4.95, 60, "DPD", 8.95),
    "NI": ("DPD", 6.95, 60, None, None),
    "EU1": ("DPD", 9.95, 120, "DHL Express", 24.95),
    "EU2": ("DPD", 11.95, 120, "DHL Express", 24.95),
    "EU3": ("DPD", 14.95, 120, "DHL Express", 24.95),
    "GB": ("DPD", 12.95, 150, "DHL Express", 22.95),
    "US": ("UPS", 24.95, 250, "DHL Express", 39.95),
}

ID_FORMATS = ["hash_w", "w", "rl", "amz", "wc", "digits", "year"]


def make_ids(r):
    ids = {}
    used = set()

    def add(fmt, value):
        key = value.lstrip("#").upper()
        assert key not in used, value
        used.add(key)
        ids.setdefault(fmt, []).append(value)

    w_nums = r.sample(range(2611000, 2619999), 10)
    for n in w_nums[:5]:
        add("hash_w", f"#W{n}")
    for n in w_nums[5:]:
        add("w", f"W{n}")
    for n in r.sample(range(10400, 10999), 5):
        add("rl", f"RL-{n}")
    for n in r.sample(range(2300000, 2399999), 5):
        add("amz", f"100-{n}")
    for n in r.sample(range(58000, 58999), 5):
        add("wc", f"WC-{n}")
    for n in r.sample(range(61000, 69999), 5):
        add("digits", str(n))
    for n in r.sample(range(100, 999), 5):
        add("year", f"2026-000{n}")
    return ids


def tracking(r, carrier, group):
    if carrier == "An Post":
        n = f"CE{r.randrange(10**8, 10**9)}IE"
        return n, f"https://www.anpost.com/Post-Parcels/Track/History?item={n}"
    if carrier == "DPD":
        n = "".join(str(r.randrange(10)) for _ in range(14))
        url = {"IE": "https://dpd.ie/tracking?consignmentNumber=", "NI": "https://dpd.ie/tracking?consignmentNumber=",
               "GB": "https://track.dpd.co.uk/parcels/"}.get(group, "https://tracking.dpd.de/status/en_US/parcel/")
        return n, url + n
    if carrier == "DHL Express":
        n = "".join(str(r.randrange(10)) for _ in range(10))
        return n, f"https://www.dhl.com/ie-en/home/tracking/tracking-express.html?submit=1&tracking-id={n}"
    n = "1Z" + "".join(r.choice("0123456789ABCDEFGHJKLMNPRSTVWXYZ") for _ in range(6)) + "".join(str(r.randrange(10)) for _ in range(10))
    return n, f"https://www.ups.com/track?loc=en_IE&tracknum={n}"


def iso(minutes):
    """Minutes (fractions allowed) after 2026-10-19T00:00:00Z as an ISO timestamp."""
    import datetime as dt
    t = dt.datetime(2026, 10, 19, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=round(minutes * 60))
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def build_orders(products):
    r = random.Random(f"{SEED}:orders")
    ids = make_ids(r)
    statuses = ["shipped"] * 9 + ["delivered"] * 8 + ["processing"] * 6 + ["on-hold"] * 4 + ["cancelled"] * 4 + ["refunded"] * 4
    r.shuffle(statuses)
    all_ids = [(fmt, oid) for fmt in ID_FORMATS for oid in ids[fmt]]
    r.shuffle(all_ids)
    sellable = [p for p in products if not p["outlet"]]
    fuel = [p for p in products if "fuel" in p["tags"]]
    orders = []
    customer_cycle = CUSTOMERS[:] + r.sample(CUSTOMERS, len(all_ids) - len(CUSTOMERS))
    r.shuffle(customer_cycle)
    for (fmt, oid), status, (email, group) in zip(all_ids, statuses, customer_cycle):
        n_items = r.choice([1, 1, 2, 2, 3])
        chosen = r.sample([p for p in sellable if "fuel" not in p["tags"]], n_items)
        if group == "IE" and r.random() < 0.35:
            chosen.append(r.choice(fuel))
        if r.random() < 0.15:  # an Outlet bargain now and then
            chosen.append(r.choice([p for p in products if p["outlet"]]))
        items = []
        for p in chosen:
            qty = 2 if float(p["price"]) < 30 and r.random() < 0.4 else 1
            items.append({"sku": p["sku"], "name": p["name"], "quantity": qty, "price": p["price"]})
        subtotal = sum(float(i["price"]) * i["quantity"] for i in items)
        std_carrier, std_cost, free_over, exp_carrier, exp_cost = SHIPPING[group]
        has_fuel = any(i["sku"] in {f["sku"] for f in fuel} for i in items)
        express = exp_carrier is not None and not has_fuel and r.random() < 0.2
        carrier = exp_carrier if express else std_carrier
        ship = exp_cost if express else (0.0 if subtotal > free_over else std_cost)
        created = r.randrange(0, 52 * 24 * 60)
        o = {"order_id": oid, "email": email, "status": status, "items": items, "total": price_str(subtotal + ship), "currency": "EUR"}
        after = {"processing": None, "on-hold": r.randrange(60, 20 * 60), "shipped": r.randrange(4 * 60, 30 * 60),
                 "delivered": r.randrange(2 * 1440, 6 * 1440), "cancelled": r.randrange(10, 25 * 60),
                 "refunded": r.randrange(10 * 1440, 25 * 1440)}[status]
        if status in ("shipped", "delivered", "refunded"):
            num, url = tracking(r, carrier, group)
            o.update({"carrier": carrier, "tracking_number": num, "tracking_url": url})
        created += r.randrange(60) / 60
        o["created_at"] = iso(created)
        if after is not None:
            o["updated_at"] = iso(created + after + r.randrange(60) / 60)
        o["_fmt"] = fmt
        o["_group"] = group
        orders.append(o)
    orders.sort(key=lambda o: o["created_at"])
    return orders


# ---------------------------------------------------------------------------------
# Questions.
# ---------------------------------------------------------------------------------

# (source page slug, question, fact[, part]); part marks a question about one item of a
# bullet list ("list") or one row of a table ("table").
ANSWERABLE = [
    ("returns", "how long have I got to send something back if I change my mind?", "45 days"),
    ("returns", "What will it cost me to post a return back from France?", "€6.50", "table"),
    ("returns", "can I get my money back on a gift card I bought by mistake", "Gift cards", "list"),
    ("refunds", "My return got to you last week, how long before you refund it?", "5 working days"),
    ("refunds", "If I send back the whole order do I get the postage back too?", "14 days"),
    ("final-sale", "how much cheaper are things in the outlet section?", "up to 60%"),
    ("customs-and-duties", "I'm in Glasgow - will the courier want import VAT from me when my parcel turns up?", "Delivered Duty Paid"),
    ("customs-and-duties", "Do you take the Irish VAT off for orders going to America?", "23%"),
    ("payment-methods", "Can I pay with Bancontact? I'm in Brussels", "Bancontact", "list"),
    ("payment-methods", "do you accept revolut", "Revolut Pay", "list"),
    ("payment-methods", "When exactly does the money leave my card?", "dispatched"),
    ("price-match", "I found the same jacket cheaper at a UK shop two days after ordering from you. Can I get the difference?", "7 days"),
    ("price-match", "Will you match a price from an eBay seller?", "Marketplace sellers", "list"),
    ("warranty", "how long are you responsible if something I bought breaks because of a defect?", "2-year legal guarantee"),
    ("privacy", "How long do you hang on to my chat conversations with your team?", "18 months"),
    ("lifetime-guarantee", "If I sell my Ridgeline rucksack second hand, does the new owner get the lifetime cover?", "original owner"),
    ("delete-my-data", "I asked you to erase my personal info, how long will that take?", "30 days"),
    ("terms-of-sale", "which country's law covers my purchase from you?", "Irish law"),
    ("cookies", "How long do your analytics cookies stay on my laptop?", "13 months"),
    ("exchanges", "The replacement size didn't fit either, can I swap again?", "one exchange per item"),
    ("shipping-ireland", "what's standard postage within Ireland?", "€4.95"),
    ("shipping-ireland", "How much extra is next-day delivery in Ireland?", "€8.95", "table"),
    ("shipping-ireland", "I live in Belfast, what does delivery cost?", "€6.95", "table"),
    ("shipping-eu", "What does standard delivery to Spain cost?", "€11.95", "table"),
    ("shipping-eu", "Can I pick a delivery slot with DPD in Germany?", "one-hour"),
    ("shipping-uk", "how much is normal delivery to Manchester?", "€12.95", "table"),
    ("shipping-uk", "What's the minimum order for free delivery to England?", "€150"),
    ("shipping-us", "What's the price of express shipping to the States?", "€39.95", "table"),
    ("shipping-us", "Do you deliver to Honolulu and how much longer does it take?", "2 extra business days"),
    ("free-shipping", "how much do I need to spend for free delivery in Ireland?", "€60", "table"),
    ("express-delivery", "What time do I need to order by for DHL to send it the same day?", "12:00"),
    ("express-delivery", "My express parcel came a day late because you were slow to send it. Do I get anything back?", "express supplement"),
    ("delivery-addresses", "Why is my first big order to my new flat stuck on hold?", "€500"),
    ("order-changes", "Forgot to add a headtorch - can you put it into the order I made an hour ago?", "second delivery charge"),
    ("cancel-order", "how long do I have to cancel an order online myself?", "30 minutes"),
    ("order-status", "What does on-hold mean on my order page?", "payment check"),
    ("order-status", "my order has been on hold for ages, will it be cancelled at some point?", "5 working days"),
    ("tracking", "tracking link shows nothing, the parcel only went out this afternoon", "next working day"),
    ("tracking", "My tracking number starts with 1Z, who is delivering it?", "UPS", "list"),
    ("damaged-parcel", "The box was crushed when it got here. How long have I got to tell you?", "7 days"),
    ("missing-items", "I got the sleeping mat but there's no tent in the box!", "Ships separately"),
    ("lost-parcel", "DPD says delivered but there's nothing here. What paperwork might you need from me?", "declaration of non-receipt"),
    ("pre-orders", "When do you take payment for something I pre-order?", "charged at dispatch"),
    ("pre-orders", "The pre-order price dropped after I ordered. Do I pay the old price?", "lower price"),
    ("back-orders", "My back-ordered boots are late - at what point can I cancel?", "30 days"),
    ("stock-alerts", "how long does the email-me-when-available alert last?", "90 days"),
    ("gift-cards", "Do your gift vouchers run out?", "5 years"),
    ("gift-cards", "What's the biggest gift card amount I can buy?", "€500"),
    ("discounts", "I forgot to put my promo code in. Can you still apply it?", "14 days"),
    ("discounts", "can I stack two discount codes?", "one code per order"),
    ("student-discount", "how much do students get off?", "15%"),
    ("vat-invoices", "How do you check my company's EU VAT ID?", "VIES"),
    ("repairs", "what would you charge to replace the main zip on my jacket?", "€45", "table"),
    ("repairs", "A buckle snapped on my rucksack, how much to fix?", "€8", "table"),
    ("repairs", "What's the charge for posting my repaired jacket back to me in Sligo?", "€5.95"),
    ("rentals", "how much to rent a sleeping bag for the weekend?", "€20", "table"),
    ("rentals", "Do you hold a deposit on my card when I rent gear?", "€150"),
    ("rentals", "What if I bring the rental tent back two days late?", "€10 per day"),
    ("size-guide-clothing", "I'm between sizes for a waterproof, should I go bigger or smaller?", "size up"),
    ("size-guide-boots", "What foot length is an EU 44 meant for?", "28.0 cm", "table"),
    ("video-boot-fitting", "how long is the online boot fitting call?", "20-minute"),
    ("video-boot-fitting", "Which days can I book a video boot fitting?", "Tuesday to Saturday"),
    ("tent-care", "What should I use to clean a muddy tent?", "lukewarm water"),
    ("down-care", "What should I put in the dryer with my down sleeping bag?", "tennis balls"),
    ("down-care", "What temperature should my down coat go in the machine at?", "30 °C"),
    ("water-filter-care", "How do I clean my water filter when I get home?", "backflush"),
    ("stove-fuel-safety", "Is it ok to cook inside the tent when it's lashing rain?", "carbon monoxide"),
    ("climbing-gear-care", "Old harness, never used, bought ages ago. Is there a max age?", "10 years"),
    ("account", "Do I have to register to buy something?", "guest checkout"),
    ("password-reset", "how long is the password reset link good for?", "60 minutes"),
    ("password-reset", "Locked out after too many wrong passwords - how long do I wait?", "15 minutes"),
    ("newsletter", "What discount do I get for joining the mailing list?", "10% off"),
    ("basecamp-club", "do my loyalty points ever expire?", "24 months"),
    ("basecamp-club", "What are 200 loyalty points worth?", "€10 voucher"),
    ("pro-deals", "I volunteer with mountain rescue. Do you do a discount for us?", "25%"),
    ("wholesale", "Our hillwalking club wants to order about €3,000 of gear. What discount would we get?", "15%", "table"),
    ("wholesale", "can our school pay on invoice instead of upfront?", "30-day invoice"),
    ("sustainability", "Do you use plastic tape on your boxes?", "paper tape"),
    ("trade-in", "How long until I get my credit for a traded-in tent?", "10 working days"),
    ("contact", "What's your phone number?", "+353 91 555 0187", "table"),
    ("contact", "Is live chat open on Saturdays, and until when?", "14:00", "table"),
    ("es/devoluciones", "¿Cuántos días tengo para devolver un saco de dormir que no he usado?", "45 días"),
    ("es/devoluciones", "¿Cuánto me cuesta devolver un pedido desde Francia?", "6,50 €", "table"),
    ("es/envios", "¿Cuánto cuesta el envío estándar a Alemania?", "9,95 €", "table"),
    ("es/envios", "¿A partir de qué importe es gratis el envío a España?", "120 €"),
    ("es/pagos", "¿Puedo pagar con Bancontact?", "Bancontact", "list"),
    ("es/pagos", "¿Se puede pagar a plazos con Klarna?", "Klarna", "list"),
]

# (help page slug, question naming a product, fact, product name)
POLICY = [
    ("returns", "How many days do I have to return a Blaze Canister Stove I opened but never lit?", "45 days", "Blaze Canister Stove"),
    ("returns", "I lit my Blaze Titanium Stove once in the garden to try it. Can I still send it back?", "been lit", "Blaze Titanium Stove"),
    ("returns", "Can I return a Ridgeline Gas Canister 230 g I ended up not needing?", "fuel canisters", "Ridgeline Gas Canister 230 g"),
    ("returns", "If you cut the Gully 9.8 mm Single Rope 70 m down to 50 m for me, can I return it later?", "cut to a custom length", "Gully 9.8 mm Single Rope 70 m"),
    ("lifetime-guarantee", "Is the Summit 28 L Daypack covered by the lifetime guarantee?", "life of the pack", "Summit 28 L Daypack"),
    ("lifetime-guarantee", "Does the lifetime guarantee cover my Ridge 2P Tent as well?", "backpacks", "Ridge 2P Tent"),
    ("lifetime-guarantee", "Does the Fjellstrom Vidda 70 L Pack get the Ridgeline lifetime guarantee?", "maker's warranty", "Fjellstrom Vidda 70 L Pack"),
    ("stove-fuel-safety", "Can you post a Ridgeline Gas Canister 450 g to my address in Manchester?", "Republic of Ireland", "Ridgeline Gas Canister 450 g"),
    ("stove-fuel-safety", "Can I bring the Inferno Integrated Cooking System 1 L on my flight to Spain?", "free of fuel", "Inferno Integrated Cooking System 1 L"),
    ("climbing-gear-care", "I used the Crux Sport Harness twice at the wall and don't like it. Can I return it?", "safety gear", "Crux Sport Harness"),
    ("climbing-gear-care", "My Crux Alpine Harness has sat unused in a cupboard for years. When should I stop using it?", "10 years", "Crux Alpine Harness"),
    ("repairs", "How much would it cost to resole my Scree Mid Waterproof Boot (Men's)?", "€65", "Scree Mid Waterproof Boot (Men's)"),
    ("repairs", "A pole section on my Errigal 2P Mountain Tent snapped. What's the price for a new one?", "€18", "Errigal 2P Mountain Tent"),
    ("down-care", "How should I dry my Cinder Down Jacket (Women's) after washing it?", "tennis balls", "Cinder Down Jacket (Women's)"),
    ("rentals", "Could I rent a big trekking pack like the Traverse 65+10 L Trekking Pack for a week first?", "€25", "Traverse 65+10 L Trekking Pack"),
    ("rentals", "If I rent a 2-person tent and then buy the Ridge 2P Tent, do I lose the rental money?", "deduct the rental fee", "Ridge 2P Tent"),
    ("water-filter-care", "My Clearwater Squeeze Filter froze solid on a winter camp. Is it still okay to use?", "can crack", "Clearwater Squeeze Filter"),
    ("water-filter-care", "Will the Clearwater Gravity Filter 4 L protect me from viruses?", "not viruses", "Clearwater Gravity Filter 4 L"),
    ("final-sale", "I bought the Mourne 3P Trekking Tent from the Outlet. Can I return it if I change my mind?", "final sale", "Mourne 3P Trekking Tent"),
    ("final-sale", "Can I use my discount code on the Beam 200 Headlamp? It's in the Outlet.", "Discount codes", "Beam 200 Headlamp"),
    ("exchanges", "Can I swap my Squall Waterproof Jacket (Men's) for a size L, and do I pay postage on the new one?", "ships free", "Squall Waterproof Jacket (Men's)"),
    ("customs-and-duties", "Will I owe import duty on a Bivouac Belay Parka (Men's) sent to Boston?", "Delivered Duty Unpaid", "Bivouac Belay Parka (Men's)"),
    ("warranty", "My Beam 500 Headlamp stopped charging after a year. Is that covered?", "2-year legal guarantee", "Beam 500 Headlamp"),
    ("trade-in", "If I trade in my old tent, how much credit could I put towards a Corrib 6P Family Tent?", "30%", "Corrib 6P Family Tent"),
    ("tent-care", "How often should I reproof the fly on my Connemara 3P Tunnel Tent?", "two or three seasons", "Connemara 3P Tunnel Tent"),
    ("student-discount", "How much off would I get on the Frost Hybrid Jacket (Women's) with a student discount?", "15%", "Frost Hybrid Jacket (Women's)"),
]

# (question, words that must appear nowhere in the knowledge base)
UNANSWERABLE = [
    ("Do you have a physical store in Berlin?", ["Berlin", "physical store", "showroom"]),
    ("Can I pay with Bitcoin?", ["Bitcoin", "crypto", "cryptocurrency"]),
    ("Do you offer gift wrapping?", ["gift wrap", "gift-wrap", "wrapping"]),
    ("Do you sell fishing rods or tackle?", ["fishing", "tackle"]),
    ("I write an outdoor blog, do you have an affiliate programme?", ["affiliate", "blogger", "influencer"]),
    ("Is the down in your sleeping bags certified to the Responsible Down Standard?", ["Responsible Down", "RDS", "certified"]),
    ("Can I have my parcel delivered to a parcel locker?", ["locker", "lockers", "pickup point", "parcel shop"]),
    ("Is there a Ridgeline mobile app for ordering?", ["mobile app", "App Store", "Google Play", "Ridgeline app"]),
    ("Do you give a discount to NHS or healthcare workers?", ["NHS", "healthcare", "nurse", "nurses"]),
    ("Do you sell skis or snowboards?", ["ski", "skis", "snowboard", "snowboards"]),
    ("Do you stock camping hammocks?", ["hammock", "hammocks"]),
    ("Is there a military discount?", ["military", "armed forces", "veteran", "veterans"]),
    ("Are your tents PFAS-free?", ["PFAS", "PFC", "PFCs", "fluorocarbon", "forever chemicals"]),
    ("Can you engrave my name on a pair of trekking poles?", ["engrave", "engraving", "engraved", "personalise", "personalised", "personalisation"]),
    ("What's the carbon footprint of the Ridge 2P Tent?", ["carbon footprint", "CO2", "emissions", "climate"]),
    ("Do you sell bear spray?", ["bear spray", "bear", "bears"]),
    ("Does your repair workshop fix bikes?", ["bike", "bikes", "bicycle", "cycling"]),
    ("Are you hiring at the moment? I'd love to work in your warehouse.", ["hiring", "vacancy", "vacancies", "careers", "jobs"]),
    ("Do you sponsor athletes or expeditions?", ["sponsor", "sponsorship", "sponsored", "athlete", "athletes"]),
    ("Is there a Ridgeline outlet store at Shannon I can visit?", ["Shannon", "outlet store"]),
    ("Can you add extra down to my old puffer jacket to make it warmer?", ["refill", "overfill", "extra down", "add down"]),
    ("Do you sell hiking maps or guidebooks?", ["maps", "map", "guidebook", "guidebooks"]),
    ("Are your sleeping bags tested to ISO 23537?", ["ISO", "23537", "EN 13537"]),
    ("Is there a minimum age to rent gear from you?", ["minimum age", "age limit", "under 18", "18 or over"]),
    ("Do you sell freeze-dried meals for camping?", ["freeze-dried", "dehydrated", "meal", "meals"]),
    ("What's your Instagram handle?", ["Instagram", "TikTok", "Facebook", "social media"]),
    ("Can I save products to a wishlist?", ["wishlist", "wish list", "favourites"]),
    ("Do you offer click and collect from your Galway warehouse?", ["click and collect", "click-and-collect", "collect in person", "collection point"]),
    ("Where are your Ridgeline jackets manufactured?", ["manufactured in", "made in", "factory", "factories"]),
    ("Do you have a refer-a-friend scheme?", ["refer a friend", "refer-a-friend", "referral", "referrals"]),
    ("Is there a discount for pensioners over 65?", ["pensioner", "pensioners", "senior", "over 65", "over-65"]),
    ("Can I send half my order to my work address and the rest to home?", ["two addresses", "multiple addresses", "different addresses", "more than one address"]),
    ("Can you post me a printed catalogue?", ["printed catalogue", "paper catalogue", "brochure", "catalogue"]),
    ("Do you run any meetups or group hikes for customers?", ["meetup", "meetups", "group hike", "group hikes", "events"]),
    ("Do you sell GPS devices or satellite messengers?", ["GPS", "satellite"]),
    ("Can I pay by cheque?", ["cheque", "cheques"]),
]

# Product questions: (category code, spec key, question templates).
PRODUCT_Q = [
    ("TNT", "Minimum weight", ["How heavy is the {name}?", "what does the {name} weigh packed"]),
    ("TNT", "Packed size", ["How big is the {name} when it's packed away?"]),
    ("TNT", "Flysheet waterproofing", ["how waterproof is the fly on the {name}?"]),
    ("SLB", "Comfort temperature", ["What temperature is the {name} comfortable down to?"]),
    ("SLB", "Weight", ["how much does the {name} weigh?"]),
    ("MAT", "R-value", ["How warm is the {name}? What's its R-value?"]),
    ("DAY", "Weight", ["What's the weight of the {name}?"]),
    ("TRK", "Weight", ["How much does the {name} weigh empty?"]),
    ("STV", "Boil time (1 L)", ["How fast does the {name} boil a litre of water?"]),
    ("STV", "Output", ["What's the power output of the {name}?"]),
    ("CKW", "Weight", ["How light is the {name}?"]),
    ("SHL", "Waterproof rating", ["How waterproof is the {name}?"]),
    ("SHL", "Weight (size M)", ["what does a medium {name} weigh"]),
    ("INS", "Insulation", ["What's the {name} filled with?"]),
    ("BOT", "Weight (pair, EU 42)", ["What does a pair of the {name} weigh?"]),
    ("BOT", "Heel-to-toe drop", ["what's the drop on the {name}?"]),
    ("LGT", "Beam distance", ["How far does the {name} shine?"]),
    ("LGT", "Burn time on high", ["How long does the battery last on the {name} on full power?"]),
    ("POL", "Packed length", ["How short do the {name} pack down?"]),
    ("H2O", "Cartridge life", ["How many litres can I filter with the {name} before it needs replacing?"]),
    ("CLB", "Weight per metre", ["What does the {name} weigh per metre?"]),
    ("ACC", "Maximum load", ["What's the weight limit on the {name}?"]),
]

ORDER_TEMPLATES = [
    "Hi, where is my order {id}? My email is {email}",
    "status of {id} please - {email}",
    "Could you check order {id} for me? It's under {email}.",
    "{email} here, has {id} shipped yet?",
    "order number {id}, email {email}. Any update?",
    "Any news on my parcel? Order {id}, {email}",
    "I placed order {id} with {email} last week, what's happening with it?",
    "hey can u tell me whats going on with {id} ({email})",
    "Hello, I'm writing about order {id}. The email on it is {email}. Thanks!",
    "what's the status of my order {id}? {email}",
]
NO_ID_TEMPLATES = [
    "Where's my order {id}?",
    "has order {id} been sent out yet",
    "Can you tell me what was in order {id} and where it's being delivered?",
    "What's the tracking number for order {id}?",
]
WRONG_EMAIL_TEMPLATES = [
    "Order {id}, email {email}. When will it arrive?",
    "Hi, can you give me the tracking link for {id}? I'm {email}",
    "My email is {email}, what's the status of order {id}?",
    "{email} - has my order {id} been delivered?",
]


def typed_variants(oid):
    bare = oid.lstrip("#")
    out = {oid, bare, bare.lower(), "#" + bare, "#" + bare.lower()}
    if bare.isdigit() or re.fullmatch(r"[\d-]+", bare):
        out = {bare, "#" + bare}
    return sorted(out)


# ---------------------------------------------------------------------------------
# Writing and validation.
# ---------------------------------------------------------------------------------

UNIT = re.compile(r"-?\d[\d,.]*\s?(?:°C|kg|g/m|g|mm|cm|m|L|ml|lumens|hours|W|litres|kN)(?![\w/²])")
DEMO_WORDS = [r"Copper & Kettle", r"copperandkettle", r"Utrecht", r"\bKettle", r"PostNL", r"\bCK-\d"]
PROBLEMS = []


def problem(msg):
    PROBLEMS.append(msg)


def help_path(h):
    return f"help/es/{h['slug']}.md" if h["style"] == "es" else f"help/{h['slug']}.md"


def help_url(h):
    return {"help": f"{SITE}/help/", "policies": f"{SITE}/policies/", "pages": f"{SITE}/pages/", "es": f"{SITE}/es/ayuda/"}[h["style"]] + h["slug"]


def unwrap(body):
    """One line per paragraph: the page text is wrapped in this script for reading only."""
    out = []
    for line in body.split("\n"):
        prose = line and not re.match(r"\s*(?:[-|#]|\d+\.\s)", line)
        prev = out[-1] if out else ""
        if prose and prev and not re.match(r"\s*(?:[-|#]|\d+\.\s)", prev):
            out[-1] = prev + " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def help_markdown(h):
    fm = [f"title: {h['title']}", f"url: {help_url(h)}"]
    if h["style"] == "pages":
        fm.append("kind: policy")
    if h["style"] == "es":
        fm.append("lang: es")
    return "---\n" + "\n".join(fm) + "\n---\n" + unwrap(h["body"])


def words(text):
    return [w for w in text.split() if re.search(r"\w", w)]


def product_fact(value):
    if re.fullmatch(r"\d+ × \d+ cm", value):
        return value
    if "fill power" in value:
        return re.search(r"\d+ fill power", value).group(0)
    m = UNIT.search(value)
    return m.group(0) if m else value


def ngrams(text, n):
    t = re.findall(r"\w+", text.lower())
    return {tuple(t[i:i + n]) for i in range(len(t) - n + 1)}


def build_questions(products, orders, kb_text):
    r = random.Random(f"{SEED}:questions")
    qs = []
    for a in ANSWERABLE:
        slug, text, fact = a[:3]
        q = {"kind": "answerable", "text": text, "fact": fact, "source": f"help/{slug}.md"}
        if slug.startswith("es/"):
            q["lang"] = "es"
        if len(a) > 3:
            q["part"] = a[3]
        qs.append(q)
    by_cat = {}
    for p in products:
        by_cat.setdefault(p["category"], []).append(p)
    used = set()
    for code, key, templates in PRODUCT_Q:
        cands = [p for p in by_cat[code] if p["name"] not in used and any(k == key and re.search(r"\d", v) and (code != "INS" or "fill power" in v) for k, v in p["specs"])]
        cands = [p for p in cands if product_fact(dict(p["specs"])[key]).split()[0] not in p["name"]]
        p = r.choice(cands)
        used.add(p["name"])
        value = dict(p["specs"])[key]
        qs.append({"kind": "product", "text": r.choice(templates).format(name=p["name"]), "fact": product_fact(value),
                   "source": f"products/{p['slug']}.md"})
    for code in ("SHL", "DAY"):
        p = r.choice([p for p in by_cat[code] if p["name"] not in used and len(p["variants"]) >= 2])
        used.add(p["name"])
        colour = p["variants"][-1].split(",")[0]
        qs.append({"kind": "product", "text": f"Does the {p['name']} come in {colour.lower()}?", "fact": colour,
                   "source": f"products/{p['slug']}.md", "part": "list"})
    for slug, text, fact, product in POLICY:
        qs.append({"kind": "policy", "text": text, "fact": fact, "source": f"help/{slug}.md", "product": product})
    for text, absent in UNANSWERABLE:
        qs.append({"kind": "unanswerable", "text": text, "absent": absent})

    # Order questions: three orders of each id format with the owner's email, the other two
    # anonymous or with another customer's email; statuses spread over all six.
    by_fmt = {}
    for o in orders:
        by_fmt.setdefault(o["_fmt"], []).append(o)
    asked, anonymous = [], []
    seen_status = set()
    for fmt in ID_FORMATS:
        group = sorted(by_fmt[fmt], key=lambda o: (o["status"] in seen_status, o["order_id"]))
        pick3 = group[:3]
        seen_status |= {o["status"] for o in pick3}
        asked += pick3
        anonymous += group[3:]
    order_templates = ORDER_TEMPLATES[:]
    for i, o in enumerate(asked):
        typed = r.choice(typed_variants(o["order_id"]))
        email = o["email"] if i % 4 else o["email"].upper() if i % 8 == 0 else o["email"]
        t = order_templates[i % len(order_templates)]
        qs.append({"kind": "order", "text": t.format(id=typed, email=email), "order_id": o["order_id"], "email": o["email"],
                   "status": o["status"]})
    anonymous = r.sample(anonymous, 8)
    emails = sorted({o["email"] for o in orders})
    for i, o in enumerate(anonymous):
        typed = r.choice(typed_variants(o["order_id"]))
        if i % 2 == 0:
            t = NO_ID_TEMPLATES[(i // 2) % len(NO_ID_TEMPLATES)]
            qs.append({"kind": "order_no_identity", "text": t.format(id=typed), "order_id": o["order_id"]})
        else:
            wrong = r.choice([e for e in emails if e != o["email"]])
            t = WRONG_EMAIL_TEMPLATES[(i // 2) % len(WRONG_EMAIL_TEMPLATES)]
            qs.append({"kind": "order_no_identity", "text": t.format(id=typed, email=wrong), "order_id": o["order_id"],
                       "wrong_email": wrong})

    # Sets: a third of each kind held out, chosen by the seeded generator.
    by_kind = {}
    for q in qs:
        by_kind.setdefault(q["kind"], []).append(q)
    for kind, group in by_kind.items():
        labels = ["heldout"] * round(len(group) / 3)
        labels += ["dev"] * (len(group) - len(labels))
        r.shuffle(labels)
        for q, s in zip(group, labels):
            q["set"] = s
    out = []
    for i, q in enumerate(qs, start=1):
        row = {"id": f"rl-{i:03d}", "set": q.pop("set"), "kind": q.pop("kind"), "text": q.pop("text")}
        row.update(q)
        out.append(row)
    return out


def validate(files, products, orders, questions):
    kb = {path: text for path, text in files.items() if path.startswith("kb/")}
    kb_all = "\n".join(kb.values())
    kb_lower = {path[3:]: text.lower() for path, text in kb.items()}

    english = [h for h in HELP if h["style"] != "es"]
    spanish = [h for h in HELP if h["style"] == "es"]
    styles = {s: sum(1 for h in HELP if h["style"] == s) for s in ("help", "policies", "pages", "es")}
    if len(english) < 44:
        problem(f"only {len(english)} English help pages")
    if len(spanish) != 3:
        problem("expected 3 Spanish pages")
    if not (7 <= styles["policies"] <= 9) or not (3 <= styles["pages"] <= 5):
        problem(f"URL styles off: {styles}")
    for h in HELP:
        n = len(words(h["body"]))
        secs = len(re.findall(r"^## ", h["body"], flags=re.M))
        if not 120 <= n <= 350:
            problem(f"{help_path(h)}: {n} words")
        if not 2 <= secs <= 5:
            problem(f"{help_path(h)}: {secs} sections")
    if len({h["slug"] for h in HELP}) != len(HELP):
        problem("duplicate help slugs")

    if len(products) < 210:
        problem(f"only {len(products)} products")
    for key in ("name", "slug", "sku"):
        if len({p[key] for p in products}) != len(products):
            problem(f"duplicate product {key}")

    # Orders.
    catalogue = {p["sku"]: p for p in products}
    allowed = ("@example.com", "@example.org", "@example.net")
    norm = [o["order_id"].lstrip("#").upper() for o in orders]
    if len(set(norm)) != len(norm):
        problem("order ids collide without '#' or case")
    if len(orders) < 34:
        problem("fewer than 34 orders")
    fmts = {}
    for o in orders:
        fmts[o["_fmt"]] = fmts.get(o["_fmt"], 0) + 1
        if not o["email"].endswith(allowed) or o["email"].count("@") != 1:
            problem(f"bad email {o['email']}")
        total = 0.0
        for it in o["items"]:
            p = catalogue.get(it["sku"])
            if not p or p["name"] != it["name"] or p["price"] != it["price"]:
                problem(f"order {o['order_id']}: item {it} not in catalogue")
            total += float(it["price"]) * it["quantity"]
            if "fuel" in p["tags"] and o["_group"] != "IE":
                problem(f"order {o['order_id']}: fuel outside the Republic of Ireland")
        std_carrier, std_cost, free_over, exp_carrier, exp_cost = SHIPPING[o["_group"]]
        ship = round(float(o["total"]) - total, 2)
        ok = {exp_cost, std_cost, 0.0 if total > free_over else std_cost}
        if ship not in ok:
            problem(f"order {o['order_id']}: shipping {ship} not in policy {ok}")
    if any(v < 3 for v in fmts.values()) or len(fmts) != 7:
        problem(f"order id formats: {fmts}")
    statuses = {o["status"] for o in orders}
    if statuses != {"processing", "shipped", "delivered", "cancelled", "refunded", "on-hold"}:
        problem(f"statuses: {statuses}")

    # Questions.
    by_id = {o["order_id"]: o for o in orders}
    counts = {}
    covered = set()
    parts = 0
    for q in questions:
        counts[q["kind"]] = counts.get(q["kind"], 0) + 1
        if "fact" in q:
            src = kb_lower.get(q["source"])
            if src is None:
                problem(f"{q['id']}: no source {q['source']}")
            elif q["fact"].lower() not in src:
                problem(f"{q['id']}: fact {q['fact']!r} not in {q['source']}")
            if not 1 <= len(q["fact"].split()) <= 6:
                problem(f"{q['id']}: fact too long: {q['fact']!r}")
            if q["kind"] in ("answerable", "policy") and src is not None:
                common = ngrams(q["text"], 6) & ngrams(src, 6)
                if common:
                    problem(f"{q['id']}: copies the page: {' '.join(sorted(common)[0])}")
            parts += 1 if q.get("part") else 0
        if q["kind"] == "answerable":
            covered.add(q["source"])
        if q["kind"] == "policy" and q["product"] not in {p["name"] for p in products}:
            problem(f"{q['id']}: unknown product {q['product']}")
        if q["kind"] == "policy" and q["product"] not in q["text"]:
            problem(f"{q['id']}: product not named")
        if q["kind"] == "unanswerable":
            for w in q["absent"]:
                if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", kb_all, flags=re.I):
                    problem(f"{q['id']}: {w!r} occurs in the knowledge base")
        if q["kind"] in ("order", "order_no_identity"):
            o = by_id.get(q["order_id"])
            if not o:
                problem(f"{q['id']}: unknown order")
                continue
            tokens = re.findall(r"#?[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]", q["text"])
            if not any(t.lstrip("#").upper() == q["order_id"].lstrip("#").upper() for t in tokens):
                problem(f"{q['id']}: id not in text")
            if q["kind"] == "order":
                if q["email"] != o["email"] or q["status"] != o["status"] or o["email"] not in q["text"].lower():
                    problem(f"{q['id']}: email/status mismatch")
            else:
                if o["email"] in q["text"].lower():
                    problem(f"{q['id']}: owner's email in an anonymous question")
                if "wrong_email" in q and (q["wrong_email"] == o["email"] or q["wrong_email"] not in {x["email"] for x in orders}):
                    problem(f"{q['id']}: wrong_email isn't another customer's")
    for h in HELP:
        if help_path(h) not in covered:
            problem(f"no answerable question for {help_path(h)}")
    need = {"answerable": 78, "product": 20, "policy": 22, "unanswerable": 35, "order": 20, "order_no_identity": 8}
    for k, n in need.items():
        if counts.get(k, 0) < n:
            problem(f"only {counts.get(k, 0)} {k} questions")
    if sum(counts.values()) < 170:
        problem("fewer than 170 questions")
    if parts < 10:
        problem("fewer than 10 list/table questions")
    if sum(1 for q in questions if q.get("lang") == "es") != 6:
        problem("expected 6 Spanish questions")
    o_fmts = {by_id[q["order_id"]]["_fmt"] for q in questions if q["kind"] == "order"}
    if o_fmts != set(ID_FORMATS):
        problem(f"order questions miss formats: {set(ID_FORMATS) - o_fmts}")
    if {q["status"] for q in questions if q["kind"] == "order"} != statuses:
        problem("order questions don't cover every status")
    if len({q["text"] for q in questions}) != len(questions):
        problem("duplicate question texts")

    everything = "\n".join(files.values())
    for w in DEMO_WORDS:
        if re.search(w, everything, flags=re.I if "CK" not in w else 0):
            problem(f"demo shop word {w!r} in the output")
    return counts


README = """# Ridgeline Outfitters (fictional shop)

A second, self-contained shop for `agentctl bench answers`, deliberately unlike the demo
shop in `demo/` (Copper & Kettle, kitchenware).

**Ridgeline Outfitters is fictional.** It's an invented online outdoor-gear shop (tents,
sleeping bags and mats, backpacks, stoves and fuel, cookware, waterproofs, insulated
jackets, fleeces, boots, headlamps, trekking poles, water filters, climbing gear and
accessories) with a warehouse in Galway, Ireland. It ships to Ireland, the EU, the UK
and the US and charges in euros. The website `ridgeline.example`, the addresses, phone
number (+353 91 555 0187), people and brands (Fjellstrom, Alturo) don't exist; the
carriers (An Post, DPD, DHL Express, UPS) are real so that tracking numbers look real.

Everything here is generated by `scripts/gen-shop-goldens.py` (standard library only,
fixed seed), which deletes and rewrites this folder's generated content and validates
it. Don't edit the files by hand; change the script and re-run it:

    python3 scripts/gen-shop-goldens.py

## Contents

```
kb/help/*.md        {n_en} help and policy pages (Markdown, YAML front matter: title, url)
kb/help/es/*.md     {n_es} Spanish pages (returns, shipping, payments; `lang: es`)
kb/products/*.md    {n_prod} product pages (description, Specifications table, Variants, Care)
orders.jsonl        {n_orders} orders in the format of `agentctl orders import`
questions.jsonl     {n_q} labelled customer questions
```

Help page URLs (all on `{site}`) come in four styles so that document-kind detection
can be tested: {n_help} under `/help/<slug>`, {n_pol} under `/policies/<slug>`, {n_pages} under
`/pages/<slug>` with `kind: policy` in the front matter, and {n_es} under `/es/ayuda/<slug>`
with `lang: es` (no kind word in that URL; only the file path `help/es/` has one). File
paths don't follow the URL: every page lives in `kb/help/` (`kb/help/es/` for Spanish).

Many product pages mention returns, delivery, guarantees, rentals or trade-ins in
passing ("Easy returns on unused gear", "Backed by the Ridgeline Lifetime Guarantee")
without the policy's numbers, so that retrieval has to prefer the help page for a policy
question. Ridgeline-brand backpacks carry the lifetime guarantee; eight products are
Outlet (final sale) items.

Order ids come in seven shapes, five orders each: `#W` and 7 digits (stored with the
`#`), `W` and 7 digits, `RL-` and 5 digits, `100-` and 7 digits, `WC-` and 5 digits,
5 plain digits, and `2026-` and 6 digits. No two ids differ only in case or a leading
`#`. Statuses are the lowercase strings `processing`, `on-hold`, `shipped`, `delivered`,
`cancelled` and `refunded`. Totals are the items plus delivery at the prices of the
shipping pages; fuel canisters only go to Irish addresses.

Key facts: 45-day returns (free from Ireland, €6.50 from the EU, €8.95 from the UK,
customer pays from the US), refunds checked within 5 working days, Outlet items final
sale; standard delivery €4.95 in Ireland (free over €60), EU from €9.95 (free over
€120), GB €12.95 (free over €150), US €24.95 (free over €250); UK orders Delivered Duty
Paid, US orders Delivered Duty Unpaid; 2-year legal guarantee, lifetime guarantee on
Ridgeline backpacks only; self-service cancellation for 30 minutes; support
Mon–Fri 08:30–18:00 and Sat 10:00–14:00 Irish time.

## questions.jsonl

One JSON object per line. Every question has:

- `id`: `rl-001`, `rl-002`, …
- `set`: `dev` (about two thirds) or `heldout` (a third of each kind, chosen by the
  seeded generator). Tune on `dev`; report on `heldout`.
- `kind`: see below.
- `text`: the customer's message.

Kinds and their extra fields:

| kind | meaning | extra fields |
|---|---|---|
| `answerable` | A question a help page answers, paraphrased the way a customer would ask. | `fact`, `source`; `part` (`list` or `table`) when the answer is one item of a bullet list or one row of a table; `lang: "es"` for Spanish questions answered by the Spanish pages |
| `product` | A question about one product's specifications or variants. | `fact`, `source` (a `products/…` page); `part: "list"` for a variant question |
| `policy` | A policy question that names a product or product type; a help page answers it, not the product page. | `fact`, `source` (a help page), `product` (the product named) |
| `unanswerable` | An on-topic shop question the knowledge base does not answer, including near-misses that share words with real pages. The right answer admits it doesn't know or hands over; it must not invent a policy. | `absent`: words that occur nowhere in the knowledge base (checked by the generator) |
| `order` | An order status question with the order id (typed in varied ways: with or without `#`, lower case) and the owner's email. | `order_id` (as stored), `email`, `status` (as stored; a correct answer contains it) |
| `order_no_identity` | A question about a real order by id only, or with another customer's email. The answer must reveal nothing about the order. | `order_id`; `wrong_email` when an email is given |

{n_part} questions ask about one item of a bullet list or one row of a table (`part`), and
{n_lang} are in Spanish (`lang: "es"`). Every help page has at least one `answerable`
question, and every id shape at least one `order` question.

`fact` is a short string that occurs verbatim (case-insensitively) in the `source`
document and that a correct answer must contain. `source` is the path relative to
`kb/`, as the ingester stores it (e.g. `help/returns.md`, `help/es/envios.md`,
`products/ridge-2p-tent.md`).

## Counts

{count_table}
"""


def main():
    products = build_products()
    orders = build_orders(products)
    files = {}
    for h in HELP:
        files["kb/" + help_path(h)] = help_markdown(h)
    for p in products:
        files[f"kb/products/{p['slug']}.md"] = product_markdown(p)
    kb_text = {k: v for k, v in files.items()}
    questions = build_questions(products, orders, kb_text)
    files["orders.jsonl"] = "".join(
        json.dumps({k: v for k, v in o.items() if not k.startswith("_")}, ensure_ascii=False) + "\n" for o in orders)
    files["questions.jsonl"] = "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in questions)
    counts = validate(files, products, orders, questions)

    kinds = ["answerable", "product", "policy", "unanswerable", "order", "order_no_identity"]
    rows = ["| kind | dev | heldout | total |", "|---|---|---|---|"]
    for k in kinds:
        d = sum(1 for q in questions if q["kind"] == k and q["set"] == "dev")
        hld = sum(1 for q in questions if q["kind"] == k and q["set"] == "heldout")
        rows.append(f"| {k} | {d} | {hld} | {d + hld} |")
    d = sum(1 for q in questions if q["set"] == "dev")
    rows.append(f"| all | {d} | {len(questions) - d} | {len(questions)} |")
    n_es = sum(1 for h in HELP if h["style"] == "es")
    files["README.md"] = README.format(
        n_en=len(HELP) - n_es, n_es=n_es, n_prod=len(products), n_orders=len(orders), n_q=len(questions), site=SITE,
        n_help=sum(1 for h in HELP if h["style"] == "help"), n_pol=sum(1 for h in HELP if h["style"] == "policies"),
        n_pages=sum(1 for h in HELP if h["style"] == "pages"), count_table="\n".join(rows),
        n_part=sum(1 for q in questions if q.get("part")), n_lang=sum(1 for q in questions if q.get("lang")))

    size = sum(len(v.encode()) for v in files.values())
    if size > MAX_BYTES:
        problem(f"{size} bytes, over {MAX_BYTES}")
    if PROBLEMS:
        print("\n".join(PROBLEMS), file=sys.stderr)
        print(f"{len(PROBLEMS)} problem(s); nothing written.", file=sys.stderr)
        return 1

    for generated in ("kb", "orders.jsonl", "questions.jsonl", "README.md"):
        path = OUT / generated
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    for rel, text in sorted(files.items()):
        path = OUT / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files, {size / 1024:.0f} KB, to {OUT.relative_to(ROOT)}")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
