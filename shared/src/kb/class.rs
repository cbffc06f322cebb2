//! What a document is for: a shop's policy and help pages, its catalogue's product
//! pages, or anything else (guides, blog posts). Retrieval prefers policy pages for
//! questions about returns, shipping, payment, warranty or the account, so that a
//! catalogue of hundreds of products cannot drown the one returns policy.
//!
//! The class is given by the document (front matter `kind:`, an HTML
//! `<meta name="frontdesk:kind">`, the WordPress post type) or, failing that, read
//! from its URL path and then its file path: the first path word that names a class
//! decides (`/help/…`, `/policies/refund-policy`, `products/tent.md`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocClass {
    /// Policies, help pages, FAQs: how the shop works.
    Policy,
    /// A catalogue page about one product.
    Product,
    Other,
}

/// Path words that mark a policy or help page (English, German, French, Spanish, Dutch).
const POLICY_WORDS: &[&str] = &[
    "help",
    "policies",
    "policy",
    "faq",
    "faqs",
    "support",
    "legal",
    "terms",
    "privacy",
    "returns",
    "return",
    "refund",
    "refunds",
    "shipping",
    "delivery",
    "warranty",
    "payment",
    "payments",
    "account",
    "customer-service",
    "service",
    "hilfe",
    "versand",
    "ruckgabe",
    "agb",
    "datenschutz",
    "aide",
    "livraison",
    "retours",
    "ayuda",
    "envios",
    "devoluciones",
    "garantia",
    "pagos",
    "klantenservice",
    "verzending",
    "retourneren",
];

/// Path words that mark a product page.
const PRODUCT_WORDS: &[&str] = &[
    "product",
    "products",
    "shop",
    "catalog",
    "catalogue",
    "item",
    "items",
    "produkt",
    "produkte",
    "produit",
    "produits",
    "producto",
    "productos",
    "producten",
];

impl DocClass {
    pub fn as_str(self) -> &'static str {
        match self {
            DocClass::Policy => "policy",
            DocClass::Product => "product",
            DocClass::Other => "other",
        }
    }

    /// Reads a class as documents name it (`policy`, `help`, `faq`, `product`, `other`…).
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "policy" | "policies" | "help" | "faq" | "support" | "legal" => Some(DocClass::Policy),
            "product" | "products" | "product_variation" => Some(DocClass::Product),
            "other" | "page" | "post" | "guide" | "article" | "blog" => Some(DocClass::Other),
            _ => None,
        }
    }

    /// The class a document's URL or, failing that, its path inside the knowledge base
    /// implies; `Other` when neither names one.
    pub fn infer(url: Option<&str>, source: &str) -> Self {
        url.and_then(|u| from_path(url_path(u)))
            .or_else(|| from_path(source))
            .unwrap_or(DocClass::Other)
    }
}

/// The path of a URL, without scheme, host, query or fragment.
fn url_path(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.find('/').map_or("", |i| &rest[i..]);
    path.split(['?', '#']).next().unwrap_or("")
}

/// The first path word naming a class: whole segments first (`customer-service`),
/// then their hyphenated parts (`refund-policy` → `refund`).
fn from_path(path: &str) -> Option<DocClass> {
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        let segment = segment.to_lowercase();
        let stem = segment
            .rsplit_once('.')
            .map_or(segment.as_str(), |(s, _)| s);
        let folded = fold(stem);
        let words = std::iter::once(folded.as_str()).chain(folded.split(['-', '_']));
        for word in words {
            if POLICY_WORDS.contains(&word) {
                return Some(DocClass::Policy);
            }
            if PRODUCT_WORDS.contains(&word) {
                return Some(DocClass::Product);
            }
        }
    }
    None
}

/// Accents dropped, so `envíos` and `rückgabe` match their plain spellings.
fn fold(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_from_urls_and_paths() {
        let cases = [
            (
                Some("https://shop.example/help/returns"),
                "x.md",
                DocClass::Policy,
            ),
            (
                Some("https://shop.example/policies/refund-policy"),
                "x.md",
                DocClass::Policy,
            ),
            (
                Some("https://shop.example/products/ridge-2p-tent"),
                "x.md",
                DocClass::Product,
            ),
            (
                Some("https://shop.example/product/kettle/?v=2"),
                "x.md",
                DocClass::Product,
            ),
            (
                Some("https://shop.example/es/ayuda/envíos"),
                "x.md",
                DocClass::Policy,
            ),
            (
                Some("https://shop.example/blog/brewing"),
                "x.md",
                DocClass::Other,
            ),
            // no class in the URL: the file path decides
            (
                Some("https://shop.example/pages/about"),
                "help/about.md",
                DocClass::Policy,
            ),
            (None, "products/classic-kettle.md", DocClass::Product),
            (None, "policies/shipping-eu.md", DocClass::Policy),
            (None, "guides/descaling.md", DocClass::Other),
            (None, "faq/general-faq.csv#when", DocClass::Policy),
            // a word inside a product's slug does not make it a policy
            (
                Some("https://shop.example/products/return-trip-pack"),
                "x.md",
                DocClass::Product,
            ),
        ];
        for (url, source, class) in cases {
            assert_eq!(DocClass::infer(url, source), class, "{url:?} {source}");
        }
    }

    #[test]
    fn names_documents_give() {
        assert_eq!(DocClass::parse("Policy"), Some(DocClass::Policy));
        assert_eq!(DocClass::parse("product"), Some(DocClass::Product));
        assert_eq!(DocClass::parse("page"), Some(DocClass::Other));
        assert_eq!(DocClass::parse("recipe"), None);
    }
}
