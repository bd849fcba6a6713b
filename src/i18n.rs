//! Translations: Fluent files in `locales/<lang>/`, embedded at build time.
//! Norwegian bokmål is the default; English on request (per user, or per browser before log-in).

use std::{borrow::Cow, collections::HashMap};

use fluent_templates::{Loader, fluent_bundle::FluentValue, static_loader};
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "nb",
        // Unicode isolation marks would end up inside HTML attributes and CSV cells.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static NB: LanguageIdentifier = langid!("nb");
static EN: LanguageIdentifier = langid!("en");

/// The user's language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nb,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nb, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "nb" | "no" | "nn" | "nb-no" | "no-no" => Some(Lang::Nb),
            "en" | "en-gb" | "en-us" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first supported language in an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        header
            .split(',')
            .filter_map(|part| part.split(';').next())
            .find_map(|tag| {
                let tag = tag.trim().to_ascii_lowercase();
                Lang::parse(&tag).or_else(|| Lang::parse(tag.split('-').next().unwrap_or("")))
            })
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Nb => &NB,
            Lang::En => &EN,
        }
    }

    /// The translation of `key`; the key itself if it is missing (a test checks none are).
    pub fn t(&self, key: &str) -> String {
        LOCALES
            .try_lookup(self.id(), key)
            .unwrap_or_else(|| key.to_string())
    }

    /// The translation of `key` with Fluent arguments.
    /// An argument that reads as a plain whole number (digits, no leading zero, at most 15 of
    /// them) is a number, so that Fluent's plural forms (`[one]`, `*[other]`) can choose by any
    /// count (`$count`, `$customers`, …); everything else (postcodes like `0150`, names, amounts
    /// with a decimal comma) is text as given. A number is shown exactly as it was written.
    pub fn t_with(&self, key: &str, args: &[(&str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| {
                let value = match plain_number(value) {
                    Some(n) => FluentValue::from(n),
                    None => FluentValue::from(value.clone()),
                };
                (Cow::Owned(name.to_string()), value)
            })
            .collect();
        LOCALES
            .try_lookup_with_args(self.id(), key, &args)
            .unwrap_or_else(|| key.to_string())
    }

    /// A count with Fluent plural rules, e.g. `customers-count`.
    pub fn t_count(&self, key: &str, count: i64) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue<'_>> = HashMap::new();
        args.insert(Cow::Borrowed("count"), FluentValue::from(count));
        args.insert(
            Cow::Borrowed("formatted"),
            FluentValue::from(group_thousands(count)),
        );
        LOCALES
            .try_lookup_with_args(self.id(), key, &args)
            .unwrap_or_else(|| key.to_string())
    }
}

/// `value` as a number when it is written as one plainly: `0`, or 1–15 digits not starting with 0.
fn plain_number(value: &str) -> Option<i64> {
    let plain = !value.is_empty()
        && value.len() <= 15
        && value.bytes().all(|b| b.is_ascii_digit())
        && (value == "0" || !value.starts_with('0'));
    if plain { value.parse().ok() } else { None }
}

/// `12345` → `12 345` (Norwegian grouping with a no-break space).
pub fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_language_from_accept_language() {
        assert_eq!(Lang::from_accept_language("en-GB,en;q=0.9"), Some(Lang::En));
        assert_eq!(
            Lang::from_accept_language("nb-NO,nb;q=0.9,en;q=0.8"),
            Some(Lang::Nb)
        );
        assert_eq!(Lang::from_accept_language("de-DE"), None);
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(100000), "100\u{a0}000");
        assert_eq!(group_thousands(999), "999");
    }

    #[test]
    fn translates_in_both_languages() {
        assert_eq!(Lang::Nb.t("nav-customers"), "Kunder");
        assert_eq!(Lang::En.t("nav-customers"), "Customers");
        assert_eq!(Lang::En.t_count("customers-count", 1), "1 customer");
    }

    #[test]
    fn plain_whole_numbers_choose_plural_forms_and_codes_stay_text() {
        assert_eq!(plain_number("1"), Some(1));
        assert_eq!(plain_number("0"), Some(0));
        assert_eq!(plain_number("0150"), None);
        assert_eq!(plain_number("7,5"), None);
        assert_eq!(plain_number("1234567890123456"), None);
        let one = [
            ("customers", "1".to_string()),
            ("recipients", "2".to_string()),
        ];
        assert_eq!(
            Lang::En.t_with("dialog-bulk-summary", &one),
            "1 customer in the selection, 2 recipients."
        );
    }
}

#[cfg(test)]
mod completeness {
    use std::{collections::BTreeSet, path::Path};

    fn ids(ftl: &str) -> BTreeSet<String> {
        ftl.lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_string()))
            .collect()
    }

    /// Message ids of every `.ftl` file of one language (features may keep their own file).
    fn lang_ids(lang: &str) -> BTreeSet<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let mut all = BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ftl") {
                let text = std::fs::read_to_string(&path).unwrap();
                let found = ids(&text);
                let dupes: Vec<_> = found.intersection(&all).cloned().collect();
                assert!(dupes.is_empty(), "{lang}: defined twice: {dupes:?}");
                all.extend(found);
            }
        }
        all
    }

    fn files(dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs" || e == "html") {
                out.push(std::fs::read_to_string(&path).unwrap());
            }
        }
    }

    /// Literal keys passed to the translation functions in code and templates.
    fn used_keys() -> BTreeSet<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut sources = Vec::new();
        files(&root.join("src"), &mut sources);
        files(&root.join("templates"), &mut sources);
        let mut keys = BTreeSet::new();
        for src in &sources {
            for marker in [
                "t(\"",
                "t_count(\"",
                "t_with(\"",
                "Msg::new(\"",
                "_key() -> &'static str",
                "=> \"",
            ] {
                for (pos, _) in src.match_indices(marker) {
                    let rest = &src[pos + marker.len()..];
                    if let Some(end) = rest.find('"') {
                        let key = &rest[..end];
                        let looks_like_key = key.contains('-')
                            && key
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                        // `insert("hx-…")` and `get("hx-…")` are htmx header names, not messages.
                        if looks_like_key && !key.starts_with("hx-") {
                            keys.insert(key.to_string());
                        }
                    }
                }
            }
        }
        keys
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        let nb = lang_ids("nb");
        let en = lang_ids("en");
        let only_nb: Vec<_> = nb.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&nb).collect();
        assert!(
            only_nb.is_empty() && only_en.is_empty(),
            "only nb: {only_nb:?}; only en: {only_en:?}"
        );
        assert!(nb.len() > 150);
    }

    #[test]
    fn every_key_in_use_is_translated() {
        let nb = lang_ids("nb");
        let used = used_keys();
        let missing: Vec<_> = used.difference(&nb).collect();
        assert!(
            missing.is_empty(),
            "keys used but not translated: {missing:?}"
        );
        assert!(
            used.len() > 100,
            "the scan found too few keys: {}",
            used.len()
        );
    }

    #[test]
    fn history_field_and_action_labels_exist() {
        let nb = lang_ids("nb");
        for field in [
            "name",
            "org_number",
            "status",
            "owner_id",
            "department_id",
            "industry_code",
            "industry_text",
            "visit_street",
            "visit_postal_code",
            "postal_street",
            "postal_postal_code",
            "email",
            "phone",
            "website",
        ] {
            let key = format!("customer-{}", field.replace('_', "-"));
            assert!(nb.contains(&key), "{key}");
        }
        for action in ["create", "update"] {
            assert!(nb.contains(&format!("history-{action}")));
        }
    }
}
