"""What generated posts are made of: coffee-shop sentences, tags and image subjects.

The demo brand is a coffee roaster; the fallback brand too, so the same words fit both.
"""

from __future__ import annotations

import random
import re

IMAGE_SUBJECTS = (
    (
        "v60-pour",
        "A V60 dripper on a glass server, a gooseneck kettle pouring a thin spiral of"
        " water over dark, blooming grounds",
    ),
    (
        "roaster-drum",
        "The roaster's drum door open, beans tumbling into the cooling tray in a"
        " cloud of steam, a hand in a leather glove on the lever",
    ),
    (
        "cupping-table",
        "Twelve cupping bowls in two rows on a steel table, spoons beside each,"
        " a clipboard of scores at the end",
    ),
    (
        "farm-hillside",
        "Coffee trees in rows on a steep green hillside under cloud, red and"
        " yellow cherries on the nearest branch",
    ),
    (
        "latte-art",
        "A flat white in a speckled blue cup with a tulip of milk foam, seen from"
        " above on a wooden counter",
    ),
    (
        "bag-label",
        "A brown paper coffee bag with a handwritten label: origin, roast date and"
        " the price paid per kilo",
    ),
    (
        "grinder-dial",
        "Close-up of a hand grinder's dial set to 22 clicks, coarse grounds in the catch cup below",
    ),
    (
        "cafe-counter",
        "A busy café counter at 08:00: two baristas, a queue of four and a chalkboard menu",
    ),
    ("aeropress", "An AeroPress upside down on a scale reading 15.0 g, a timer at 1:30 beside it"),
    (
        "green-beans",
        "Green coffee beans spilling from a jute sack stamped with the farm's name and lot number",
    ),
    (
        "team-photo",
        "The four people of the roastery in aprons, laughing, in front of the"
        " roller door of the railway arch",
    ),
    (
        "cold-brew",
        "Three bottles of cold brew in a bucket of ice on a market stall,"
        " condensation on the glass",
    ),
)


METHODS = (
    "V60",
    "AeroPress",
    "French press",
    "moka pot",
    "Chemex",
    "espresso",
    "batch brew",
    "cold brew",
    "Kalita Wave",
    "Clever dripper",
)
COFFEES = (
    "the washed Caturra",
    "our house espresso",
    "the Ethiopian natural",
    "the decaf",
    "the Kenyan AA",
    "this month's filter",
    "the Colombian lot",
    "the Brazilian pulped natural",
    "the winter blend",
    "the new Guatemalan",
)
NUMBERS = (
    "15 g to 250 g",
    "18 g in, 36 g out",
    "a 1:16 ratio",
    "94 °C water",
    "22 clicks",
    "a 45-second bloom",
    "3 minutes 30",
    "a 1:2 ratio in 28 seconds",
    "200 ppm water",
    "£7.40 a kilo paid at the farm gate",
)
TITLES = (
    "{method} recipe for {coffee}",
    "Why {coffee} tastes sweeter this week",
    "Sour or bitter? Fixing your {method}",
    "What we paid for {coffee}",
    "Roast day notes on {coffee}",
    "Ask the roaster about {method}",
    "Grind size for {method} explained",
    "Water for {method} at home",
    "Cupping {coffee} with the team",
    "Partner café spotlight and {method}",
)
HOOKS = (
    "Short answer: grind finer and pour slower.",
    "Our {method} recipe for {coffee}, tested on a Tuesday morning with a kettle and a hand"
    " grinder.",
    "If your {method} tastes sour, the fix is usually the grind, not the beans.",
    "We paid more for {coffee} this year, and here is where the money went.",
    "Roast day. {coffee} came out of the drum at 08:12 and smells of baked apple.",
    "Three numbers for a better {method}: {number}, then taste and adjust.",
    "Question from a subscriber this week: does water matter for {method}? Yes, a lot.",
    "New on the shelf: {coffee}, for filter and espresso.",
    "We got this one wrong last month and changed the roast.",
    "A small thing that makes a big cup: preheat everything.",
)
SENTENCES = (
    "Start with {number} and change one thing at a time.",
    "Taste it at three temperatures: hot, warm and nearly cold.",
    "A cheaper grinder set two clicks finer does more than a new kettle.",
    "If it runs too fast, go finer; too slow, go coarser.",
    "We roast on Tuesdays and Fridays, so bags ship within two days of roasting.",
    "The farm was paid {number}, about twice the market price that week.",
    "Hard tap water flattens sweetness; a jug filter helps more than you would think.",
    "We cupped six roasts of {coffee} before choosing this one.",
    "Bloom with twice the coffee's weight in water and wait for the bubbles to settle.",
    "Rest the beans for a week after roasting before you brew them as espresso.",
    "Our head roaster keeps a notebook of every batch, and the numbers are on the label.",
    "This recipe works in a {method} too, with a slightly coarser grind.",
    "Most bitter cups we hear about come from water that was still boiling.",
    "We would rather you bought a scale than another bag of coffee.",
    "Milk brings out the chocolate; black, it tastes of red fruit.",
    "The price on the bag has not changed since March, and we will tell you before it does.",
    "One subscriber brews this at 05:30 before a hospital shift and sent us the photo.",
    "We do not know yet how the next harvest will taste; we will cup it in June.",
    "Stir once after the bloom, gently, and leave it alone after that.",
    "Weigh the water too: cups and mugs hold more than you think.",
    "For two cups, double everything but keep the pour slow.",
    "Store the bag closed, out of the sun, and skip the fridge.",
    "Our cafés use the same recipe, scaled up, every morning.",
    "The roaster runs on 70 % renewable electricity, and we publish the bill.",
    "Nothing about this is secret; copy it and make it yours.",
)
MENTION_SENTENCES = (
    "Thanks to @{{{who}}} for testing this recipe with us.",
    "Photos by @{{{who}}}, who brewed every cup in this post.",
    "We asked @{{{who}}} what they would change, and they said the grind.",
    "Big thanks to @{{{who}}} for the visit and the honest feedback.",
    "@{{{who}}} has been part of this since the first bag.",
)
CLOSERS = (
    "Questions welcome, we answer every one.",
    "Tell us how yours turns out.",
    "Recipe card in the link.",
    "Full notes on the journal.",
    "Try it and send us a photo ☕",
    "More on Friday.",
)
TAGS = (
    "HomeBrewing",
    "SpecialtyCoffee",
    "CoffeeRecipe",
    "V60",
    "AeroPress",
    "FilterCoffee",
    "CoffeeRoasting",
    "DirectTrade",
    "BaristaLife",
    "CoffeeScience",
    "BrewGuide",
    "CafeLife",
    "ColdBrew",
    "Espresso",
)
ALT_ENDINGS = (
    "",
    " Morning light from the left.",
    " The scale reads 250 g.",
    " Steam rises from the cup.",
    " A chalk price label sits in the corner.",
)
NOTES = (
    "Check the price per kilo with the green buyer before this goes out.",
    "Photo permission is on file.",
    "Swap the image if the new bag labels arrive in time.",
    "Legal has seen the claims in this one.",
)


class Writer:
    """Builds the text of posts from the word lists, keeping the brand's banned words out."""

    def __init__(self, rng: random.Random, banned: re.Pattern[str] | None) -> None:
        self.rng = rng
        self.banned = banned
        self.method, self.coffee = METHODS[0], COFFEES[0]

    def new_topic(self) -> None:
        """The brew method and coffee a post is mostly about."""
        self.method, self.coffee = self.rng.choice(METHODS), self.rng.choice(COFFEES)

    def fill(self, template: str, **extra: str) -> str:
        rng = self.rng
        for _ in range(20):
            on_topic = rng.random() < 0.8
            text = template.format(
                method=self.method if on_topic else rng.choice(METHODS),
                coffee=self.coffee if on_topic else rng.choice(COFFEES),
                number=rng.choice(NUMBERS),
                **extra,
            )
            if self.banned is None or not self.banned.search(text):
                return text[0].upper() + text[1:]
        return "We brewed it again this morning."

    def sentence(self) -> str:
        return self.fill(self.rng.choice(SENTENCES))

    def paragraph(self, count: int) -> str:
        return " ".join(self.sentence() for _ in range(count))
