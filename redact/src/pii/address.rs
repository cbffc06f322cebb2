//! Street addresses in the forms most shops see: a house number before the street
//! ("221B Baker Street", "4890 Bowers View Apt. 883", "19, rue Noémi Antoine") and a
//! street before the house number ("Hauptstraße 5", "Spießstr. 92", "Keizersgracht 123").
//! Street types come from the USPS standard suffixes and the common German, Dutch and
//! French street words; a street named only by its own name ("Am Markt 3") is missed.

use std::sync::LazyLock;

use regex::Regex;

static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        # number first: 4890 Bowers View Apt. 883, 36 Debra Forges
        \b\d{1,5}[A-Za-z]?,?\x20+(?:[A-Z][a-z'\-]+\x20+){1,3}
        (?i:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Dr\.?|Boulevard|Blvd\.?
          |Way|Court|Ct\.?|Place|Pl\.?|Square|Sq\.?|Terrace|Close|Crescent|Alley|Bend|Bluffs?
          |Bridge|Brook|Burg|Bypass|Camp|Canyon|Cape|Causeway|Center|Circle|Cir\.?|Cliffs?
          |Club|Common|Corners?|Course|Courts|Cove|Creek|Crossing|Crossroad|Curve|Dale|Dam
          |Divide|Drives|Estates?|Expressway|Extension|Falls?|Ferry|Fields?|Flats?|Ford|Forest
          |Forges?|Forks?|Fort|Freeway|Gardens?|Gateway|Glen|Greens?|Grove|Harbor|Haven|Heights
          |Highway|Hwy\.?|Hills?|Hollow|Island|Isle|Junction|Key|Keys|Knolls?|Lake|Lakes|Landing
          |Light|Lights|Loaf|Locks?|Lodge|Loop|Mall|Manor|Meadows?|Mews|Mill|Mills|Mission
          |Motorway|Mount|Mountain|Neck|Orchard|Oval|Park|Parkway|Pass|Path|Pike|Pines?|Plains?
          |Plaza|Points?|Ports?|Prairie|Radial|Ranch|Rapids?|Rest|Ridges?|River|Roads|Route|Row
          |Run|Shoals?|Shores?|Skyway|Springs?|Spurs?|Squares|Station|Stream|Streets|Summit
          |Throughway|Trace|Track|Trail|Tunnel|Turnpike|Union|Valleys?|Viaduct|Views?|Villages?
          |Ville|Vista|Walks?|Wall|Wells?|Gate|Gardens|Hill|Parade|Rise|Green)\b
        (?:,?\x20+(?i:Apt\.?|Suite|Unit|Flat|Floor)\x20*\d{1,5}[A-Za-z]?)?
        # French: 19, rue Noémi Antoine; 95, chemin de Fernandez
        | \b\d{1,4}(?:\x20?(?:bis|ter))?,?\x20+
          (?i:rue|avenue|av\.|boulevard|bd|chemin|allée|impasse|place|quai|route|cours|passage)
          \x20+(?:(?:de|du|des|la|le|l'|d')\x20*)?[A-ZÀ-Ýa-zà-ÿ][A-Za-zÀ-ÿ'\-]+(?:\x20+[A-ZÀ-Ý][A-Za-zÀ-ÿ'\-]+){0,3}
        # street first: Judith-Kusch-Straße 658, Spießstr. 92, Keizersgracht 123, Lexring 2
        | \b[A-ZÄÖÜ][A-Za-zÄÖÜäöüßéè\-]*
          (?i:straße|strasse|str\.|weg|gasse|allee|platz|ring|damm|ufer|chaussee|steig|pfad
            |laan|straat|plein|gracht|kade|dijk|singel|baan|hof|park|markt|dreef|wal|steeg)
          \x20+\d{1,4}(?:\x20?[a-zA-Z])?\b
        ",
    )
    .expect("address regex")
});

// What may follow a street line: the town with its postcode, as the US, the UK and
// continental Europe write them ("Stoneport, NC 77840", "London, SW1A 1AA",
// "12345 Berlin", "1234 AB Amsterdam", "75001 Paris")
static TOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^,?[\x20\n]*
        (?: (?:[A-Z][a-z'\-]+\x20){0,2}[A-Z][a-z'\-]+,\x20[A-Z]{2}\x20\d{5}(?:-\d{4})?\b
          | (?:[A-Z][a-z'\-]+\x20){0,2}[A-Z][a-z'\-]+,?\x20[A-Z]{1,2}\d[A-Z\d]?\x20?\d[A-Z]{2}\b
          | \d{4,5}(?:\x20?[A-Z]{2})?\x20[A-ZÀ-Ý][a-zà-ÿ'\-]+(?:[\x20\-][A-ZÀ-Ý][a-zà-ÿ'\-]+)?
        )",
    )
    .expect("town regex")
});

/// Street addresses in `text` (with the town and postcode when they follow), as byte
/// ranges.
pub fn find(text: &str, mut found: impl FnMut(usize, usize)) {
    for m in ADDRESS.find_iter(text) {
        let town = TOWN.find(&text[m.end()..]).map_or(0, |t| t.end());
        found(m.start(), m.end() + town);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addresses(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find(text, |s, e| out.push(&text[s..e]));
        out
    }

    #[test]
    fn common_forms() {
        for address in [
            "221B Baker Street",
            "4890 Bowers View Apt. 883",
            "75983 Washington Knolls Suite 508",
            "36 Debra forges",
            "Hauptstraße 5",
            "Judith-Kusch-Straße 658",
            "Spießstr. 92",
            "Keizersgracht 123",
            "Lexring 2",
            "19, rue Noémi Antoine",
            "95, chemin de Fernandez",
        ] {
            assert_eq!(
                addresses(&format!("ship to {address}, please")),
                [address],
                "{address}"
            );
        }
    }

    #[test]
    fn the_town_and_postcode_that_follow() {
        for address in [
            "3632 Franklin Lodge, Stoneport, NC 77840",
            "10 Downing Street, London, SW1A 2AA",
            "Hauptstraße 5, 10115 Berlin",
            "Keizersgracht 123, 1015 CJ Amsterdam",
            "19, rue Noémi Antoine, 75001 Paris",
        ] {
            assert_eq!(
                addresses(&format!("ship to {address}, please")),
                [address],
                "{address}"
            );
        }
        assert_eq!(addresses("Hauptstraße 5 in Berlin"), ["Hauptstraße 5"]);
    }

    #[test]
    fn sentences_with_numbers_are_not_addresses() {
        for text in [
            "I bought 2 Copper Pans last week",
            "order 1045 Way too late",
            "3 Days ago",
        ] {
            assert!(addresses(text).is_empty(), "{text}");
        }
    }
}
