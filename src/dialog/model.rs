//! The words of the dialog: channels, directions, statuses, and how many parts an SMS takes.

use std::fmt;

use crate::contacts::lookup::Address;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub const ALL: [Channel; 2] = [Channel::Email, Channel::Sms];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == value)
    }
    /// The contact's address a message on this channel goes to.
    pub fn address(self) -> Address {
        match self {
            Channel::Email => Address::Email,
            Channel::Sms => Address::Mobile,
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Out,
    In,
}

impl Direction {
    pub const ALL: [Direction; 2] = [Direction::Out, Direction::In];

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Out => "out",
            Direction::In => "in",
        }
    }
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == value)
    }
}

/// queued → sent → delivered (SMS with a delivery report) | failed; inbound messages are received.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Queued,
    Sent,
    Delivered,
    Failed,
    Received,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Queued,
        Status::Sent,
        Status::Delivered,
        Status::Failed,
        Status::Received,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Queued => "queued",
            Status::Sent => "sent",
            Status::Delivered => "delivered",
            Status::Failed => "failed",
            Status::Received => "received",
        }
    }
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// The GSM 03.38 basic character set: one septet each.
const GSM7_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// The extension table: two septets each (escape + character).
const GSM7_EXTENDED: &str = "^{}\\[~]|€\u{000C}";

/// How an SMS text will be encoded and how many messages it becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SmsLength {
    /// GSM-7 when every character is in the GSM alphabet; otherwise UCS-2 ("Unicode").
    pub unicode: bool,
    /// Septets (GSM-7) or UTF-16 code units (UCS-2).
    pub units: usize,
    pub parts: usize,
    /// Units left in the last part before another part is needed.
    pub left: usize,
}

impl SmsLength {
    pub fn of(text: &str) -> Self {
        let gsm_units: Option<usize> = text
            .chars()
            .map(|c| {
                if GSM7_BASIC.contains(c) {
                    Some(1)
                } else if GSM7_EXTENDED.contains(c) {
                    Some(2)
                } else {
                    None
                }
            })
            .sum();
        let (unicode, units, single, multi) = match gsm_units {
            Some(units) => (false, units, 160, 153),
            None => (true, text.encode_utf16().count(), 70, 67),
        };
        let parts = if units == 0 {
            0
        } else if units <= single {
            1
        } else {
            units.div_ceil(multi)
        };
        let capacity = match parts {
            0 => single,
            1 => single,
            n => n * multi,
        };
        SmsLength {
            unicode,
            units,
            parts,
            left: capacity - units,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_letters_are_gsm7() {
        let len = SmsLength::of("Hei Åse! Møtet er flyttet til kl. 14.");
        assert!(!len.unicode);
        assert_eq!(len.units, 37);
        assert_eq!(len.parts, 1);
        assert_eq!(len.left, 123);
    }

    #[test]
    fn extension_characters_count_twice() {
        let len = SmsLength::of("Pris: 100€ [inkl. mva]");
        assert!(!len.unicode);
        assert_eq!(len.units, 25);
    }

    #[test]
    fn long_gsm7_text_splits_into_153_septet_parts() {
        assert_eq!(SmsLength::of(&"a".repeat(160)).parts, 1);
        let len = SmsLength::of(&"a".repeat(161));
        assert_eq!((len.parts, len.left), (2, 306 - 161));
        assert_eq!(SmsLength::of(&"a".repeat(307)).parts, 3);
    }

    #[test]
    fn one_emoji_makes_the_text_unicode() {
        let len = SmsLength::of("Takk for i dag 👍");
        assert!(len.unicode);
        // the emoji is two UTF-16 units
        assert_eq!(len.units, 17);
        assert_eq!(len.parts, 1);
        assert_eq!(SmsLength::of(&format!("{}👍", "a".repeat(69))).parts, 2);
    }

    #[test]
    fn empty_text_is_no_message() {
        assert_eq!(SmsLength::of("").parts, 0);
    }
}
