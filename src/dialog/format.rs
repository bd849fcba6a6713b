//! Simple formatting for email bodies written as plain text: blank lines separate paragraphs,
//! lines starting with "- " make a bullet list, `**bold**` is bold, and web addresses become
//! links. The plain text is sent as it is; this HTML goes alongside it.

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Bold and links within one line (escaped first, so nothing the user typed becomes markup).
fn inline(line: &str) -> String {
    let escaped = escape(line);
    let mut bolded = String::new();
    let mut parts = escaped.split("**");
    if let Some(first) = parts.next() {
        bolded.push_str(first);
    }
    let rest: Vec<&str> = parts.collect();
    // An unmatched ** stays as typed.
    let pairs = rest.len() / 2 * 2;
    for (i, part) in rest.iter().enumerate() {
        if i < pairs {
            bolded.push_str(if i % 2 == 0 { "<strong>" } else { "</strong>" });
        } else {
            bolded.push_str("**");
        }
        bolded.push_str(part);
    }
    bolded
        .split(' ')
        .map(|word| {
            if (word.starts_with("https://") || word.starts_with("http://")) && word.len() > 8 {
                format!("<a href=\"{word}\">{word}</a>")
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn to_html(text: &str) -> String {
    let normalized = text.replace("\r\n", "\n");
    let mut html = String::from(
        "<!DOCTYPE html><html><body style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px\">",
    );
    for block in normalized.split("\n\n") {
        let lines: Vec<&str> = block.lines().collect();
        if lines.is_empty() {
            continue;
        }
        if lines.iter().all(|l| l.trim_start().starts_with("- ")) {
            html.push_str("<ul>");
            for l in lines {
                html.push_str("<li>");
                html.push_str(&inline(l.trim_start().trim_start_matches("- ")));
                html.push_str("</li>");
            }
            html.push_str("</ul>");
        } else {
            html.push_str("<p>");
            html.push_str(
                &lines
                    .iter()
                    .map(|l| inline(l))
                    .collect::<Vec<_>>()
                    .join("<br>"),
            );
            html.push_str("</p>");
        }
    }
    html.push_str("</body></html>");
    html
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn paragraphs_lists_bold_and_links() {
        let html = to_html("Hei **Åse**,\nse https://byraa.no\n\n- en\n- to");
        assert!(html.contains("<p>Hei <strong>Åse</strong>,<br>se <a href=\"https://byraa.no\">https://byraa.no</a></p>"), "{html}");
        assert!(html.contains("<ul><li>en</li><li>to</li></ul>"), "{html}");
    }

    #[test]
    fn markup_typed_by_the_user_is_escaped() {
        let html = to_html("<script>alert(1)</script> 2 ** 3");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("2 ** 3"), "{html}");
    }
}
