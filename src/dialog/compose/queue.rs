//! A checked, planned message into the outbox: the one path from writing to sending that the
//! card's compose page and the API share.

use super::{
    ComposeForm, Reachable,
    plan::{Checked, Planned, check_form, plan},
    reachable, sender_info, template_for,
};
use crate::{
    AppError, AppState, Result,
    auth::Staff,
    customers::store::Customer,
    dialog::{
        model::Channel,
        outbox::{self, NewEmail, NewSms, Origin},
    },
    documents::store::{self as documents, Document, Filter},
    error::Msg,
};

/// Queues the planned messages in one transaction and wakes the sender. Returns the ids of the
/// messages, in order (an SMS to several people is one message each).
pub(super) async fn queue(
    state: &AppState,
    user: &Staff,
    customer_id: i64,
    channel: Channel,
    messages: Vec<Planned>,
    checked: &Checked<'_>,
    origin: &Origin,
) -> Result<Vec<i64>> {
    let mut ids = Vec::new();
    let mut tx = state.db.begin().await?;
    for m in messages {
        match channel {
            Channel::Email => {
                let id = outbox::queue_email_from(
                    &mut tx,
                    NewEmail {
                        customer_id: Some(customer_id),
                        worker_id: None,
                        sender_user_id: Some(user.id),
                        to: m.to,
                        cc: m.cc,
                        subject: m.subject,
                        body: m.body,
                        attachments: checked.attachments.clone(),
                        sealed: None,
                    },
                    origin,
                )
                .await?;
                ids.push(id);
            }
            Channel::Sms => {
                for to in m.to {
                    let id = outbox::queue_sms(
                        &mut tx,
                        NewSms {
                            customer_id: Some(customer_id),
                            worker_id: None,
                            sender_user_id: Some(user.id),
                            to,
                            body: m.body.clone(),
                            sealed: None,
                        },
                        origin,
                    )
                    .await?;
                    ids.push(id);
                }
            }
        }
    }
    tx.commit().await?;
    state.jobs.wake();
    Ok(ids)
}

/// Refuses to queue on a channel this server cannot send on (no SMTP, no SMS provider): the API
/// says so instead of leaving messages waiting in the outbox unseen.
pub fn require_configured(state: &AppState, channel: Channel) -> Result<()> {
    let configured = match channel {
        Channel::Email => outbox::email_configured(&state.config),
        Channel::Sms => outbox::sms_configured(&state.config),
    };
    if configured {
        return Ok(());
    }
    Err(AppError::Unavailable(Msg::new(match channel {
        Channel::Email => "dialog-email-not-configured-api",
        Channel::Sms => "dialog-sms-not-configured-api",
    })))
}

/// Writes from outside the page (the API): the form as the page would post it with "send",
/// checked the page's way (recipients among the customer's contacts, attachments among its
/// documents, the text through `dialog::check`), merged and queued. The caller has checked that
/// the user may change the customer.
pub async fn send(
    state: &AppState,
    user: &Staff,
    customer: &Customer,
    channel: Channel,
    form: &ComposeForm,
) -> Result<Vec<i64>> {
    require_configured(state, channel)?;
    let contacts: Vec<Reachable> = reachable(state, customer.id, channel).await?;
    let docs: Vec<Document> = if channel == Channel::Email {
        documents::list(&state.db, customer.id, &Filter::default()).await?
    } else {
        Vec::new()
    };
    let checked = check_form(channel, form, &contacts, &docs).map_err(AppError::Invalid)?;
    let sender = sender_info(state, user).await?;
    let messages = plan(channel, form, &checked, &sender, &customer.name);
    let origin = Origin {
        template_id: template_for(state, user, channel, &form.template)
            .await?
            .map(|t| t.id),
        bulk_id: None,
    };
    queue(
        state,
        user,
        customer.id,
        channel,
        messages,
        &checked,
        &origin,
    )
    .await
}
