// Small behaviours the pages used to carry in on…= and hx-on attributes, moved here so the
// Content-Security-Policy can forbid inline scripts and eval (decision 0025). Each is wired by
// an id or a data- attribute; the page works without it as it did before.
(function () {
  // An error answered to an htmx request is a toast the server aims at #toasts (web::errors).
  // htmx does not swap 4xx/5xx answers by default, so without this the error showed nowhere;
  // swapped into #toasts (replacing the one before), it shows once — and the form stays as typed.
  document.addEventListener('htmx:beforeSwap', function (e) {
    var xhr = e.detail && e.detail.xhr;
    if (e.detail.isError && xhr && xhr.getResponseHeader('HX-Retarget') === '#toasts') {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
      // The toast is the whole answer: not the part the form would have selected from a page.
      e.detail.selectOverride = 'unset';
    }
  });
  // A new request clears the last one's error toast, so an old error does not linger beside a
  // new one. (A confirmation stays: the quick actions reload the tab right after showing one.)
  document.addEventListener('htmx:beforeRequest', function () {
    document.querySelectorAll('#toasts .toast-error').forEach(function (t) { t.remove(); });
  });

  // A form with data-confirm asks before it is submitted.
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      e.preventDefault();
    }
  }, true);

  // A link with data-set-lang switches the language by its cookie and reloads the page.
  document.addEventListener('click', function (e) {
    var a = e.target instanceof Element && e.target.closest('a[data-set-lang]');
    if (!a) return;
    e.preventDefault();
    // Behind https the server takes only the __Host- cookie (web::host_cookies, decision 0060).
    var secure = location.protocol === 'https:';
    document.cookie = (secure ? '__Host-' : '') + 'kk_lang=' + a.dataset.setLang + ';path=/' + (secure ? ';secure' : '');
    location.reload();
  });

  // An input with data-select-on-focus selects its text when it gets focus (a feed URL to copy).
  document.addEventListener('focusin', function (e) {
    if (e.target instanceof HTMLInputElement && e.target.hasAttribute('data-select-on-focus')) {
      e.target.select();
    }
  });

  // A long list of checkboxes in a fieldset with data-picker becomes a searchable picker: the
  // ticked ones are shown, typing shows the names that match, Enter ticks the first match.
  // Without the script (or with a short list) the boxes are all there, as before.
  function listPicker(fs) {
    var checks = fs.querySelector('.checks');
    if (!checks || fs.dataset.pickerReady) return;
    fs.dataset.pickerReady = '1';
    var labels = [].slice.call(checks.querySelectorAll('label'));
    if (labels.length < 7) return;
    var search = document.createElement('input');
    search.type = 'search';
    search.id = fs.id + '-search';
    search.className = 'picker-search';
    search.placeholder = fs.dataset.pickerSearch || '';
    search.setAttribute('aria-label', fs.dataset.pickerSearch || '');
    search.autocomplete = 'off';
    var note = document.createElement('p');
    note.className = 'hint picker-note';
    checks.parentNode.insertBefore(search, checks);
    checks.parentNode.insertBefore(note, checks.nextSibling);
    function box(l) { return l.querySelector('input'); }
    function show() {
      var q = search.value.trim().toLowerCase();
      var shown = 0;
      labels.forEach(function (l) {
        var match = q ? l.textContent.toLowerCase().indexOf(q) >= 0 : box(l).checked;
        l.hidden = !match;
        if (match) shown++;
      });
      note.textContent = q && shown === 0 ? (fs.dataset.pickerNone || '') : (q ? '' : (fs.dataset.pickerHint || ''));
    }
    search.addEventListener('input', show);
    search.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') {
        e.preventDefault();
        var first = labels.filter(function (l) { return !l.hidden && !box(l).checked; })[0];
        if (first) {
          box(first).checked = true;
          search.value = '';
          show();
        }
      } else if (e.key === 'Escape') {
        search.value = '';
        show();
      }
    });
    show();
  }

  // Also in what htmx brings in (the contacts of a customer chosen in the activity form).
  document.addEventListener('htmx:load', function (e) {
    var el = e.detail && e.detail.elt;
    if (el && el.querySelectorAll) el.querySelectorAll('fieldset[data-picker]').forEach(listPicker);
  });

  // The card head's quick actions (decision 0048). htmx loads a page's form into the dialog
  // (#quick-body); the forms there are sent by htmx too, so bad input comes back in the dialog.
  // On success the server answers with a toast and `kk-quick-done`: the dialog closes and the
  // tab is loaded again in place. Without the script every action is a link to its full page.
  var quickOpener = null;
  function quickDialog() { return document.getElementById('quick-dialog'); }

  // A phone folds the actions behind "+ New" (closed at first, and after choosing one).
  function foldQuickMenu(root) {
    var menu = root && root.querySelector ? root.querySelector('#quick-menu') : null;
    if (menu && window.matchMedia('(max-width: 700px)').matches) menu.open = false;
  }

  // On the full page of the very form an action opens, it is not opened a second time: the
  // page's own form gets the focus.
  document.addEventListener('htmx:confirm', function (e) {
    var elt = e.detail && e.detail.elt;
    if (!elt || !elt.closest || !elt.closest('#quick-actions') || !elt.getAttribute('href')) return;
    var to = new URL(elt.getAttribute('href'), location.href);
    if (to.pathname + to.search !== location.pathname + location.search) return;
    e.preventDefault();
    foldQuickMenu(document);
    var field = document.querySelector('main form:not(#quick-body form) input:not([type=hidden]):not([hidden]), main form:not(#quick-body form) select, main form:not(#quick-body form) textarea');
    if (field) field.focus();
  });

  document.addEventListener('htmx:beforeRequest', function (e) {
    var elt = e.detail && e.detail.elt;
    if (elt && elt.closest && elt.closest('#quick-actions')) {
      quickOpener = elt;
      foldQuickMenu(document);
    }
  });

  // A form refused (422, 409) is shown in the dialog; an error toast (web/errors.rs) is shown
  // too, inside the dialog while it is open (a modal dialog covers the page's toast area).
  document.addEventListener('htmx:beforeSwap', function (e) {
    var d = e.detail, xhr = d.xhr;
    if (!xhr || xhr.status < 400) return;
    var dlg = quickDialog();
    if (d.target && d.target.id === 'quick-body' && [409, 422, 503].indexOf(xhr.status) >= 0) {
      d.shouldSwap = true;
      d.isError = false;
    } else if (xhr.getResponseHeader('HX-Retarget') === '#toasts') {
      d.shouldSwap = true;
      d.isError = false;
      if (dlg && dlg.open) d.target = document.getElementById('quick-errors');
    }
  });

  document.addEventListener('htmx:afterSwap', function (e) {
    var body = document.getElementById('quick-body');
    if (!body || e.detail.target !== body) return;
    var dlg = quickDialog();
    var errors = document.getElementById('quick-errors');
    if (errors) errors.innerHTML = '';
    // The page's forms post to the page's own address: send them from here with htmx.
    body.querySelectorAll('form').forEach(function (f) {
      if (f.hasAttribute('hx-post') || (f.getAttribute('method') || '').toLowerCase() !== 'post') return;
      f.setAttribute('hx-post', f.getAttribute('action'));
      f.setAttribute('hx-target', '#quick-body');
      f.setAttribute('hx-swap', 'innerHTML');
      if (window.htmx) window.htmx.process(f);
    });
    var title = body.querySelector('h2');
    if (title) {
      title.id = 'quick-title';
      dlg.setAttribute('aria-labelledby', 'quick-title');
    }
    if (!dlg.open) dlg.showModal();
    dlg.scrollTop = 0;
    var first = body.querySelector('[aria-invalid=true], .has-error input, .has-error select, .has-error textarea, [role=alert]') ||
      body.querySelector('input:not([type=hidden]):not([hidden]), select, textarea');
    if (first) {
      if (!first.matches('input, select, textarea, button, a')) first.tabIndex = -1;
      first.focus();
    }
  });

  document.addEventListener('click', function (e) {
    var t = e.target instanceof Element && e.target.closest('#quick-close, #quick-body [data-quick-close]');
    if (!t) return;
    e.preventDefault();
    var dlg = quickDialog();
    if (dlg && dlg.open) dlg.close();
  });

  // Closed (the button, Esc, or done): emptied, and the focus back on the action that opened it.
  document.addEventListener('close', function (e) {
    if (!(e.target instanceof Element) || e.target.id !== 'quick-dialog') return;
    var body = document.getElementById('quick-body');
    if (body) body.innerHTML = '';
    if (quickOpener && document.body.contains(quickOpener)) quickOpener.focus();
  }, true);

  document.addEventListener('kk-quick-done', function () {
    var dlg = quickDialog();
    if (dlg && dlg.open) dlg.close();
    // The tab again, in place, so it shows what was just added.
    var url = location.pathname + location.search;
    if (window.htmx) {
      window.htmx.ajax('GET', url, { target: 'main', select: 'main', swap: 'outerHTML' });
    } else {
      location.reload();
    }
    setTimeout(function () {
      document.querySelectorAll('#toasts .toast-success').forEach(function (t) { t.remove(); });
    }, 8000);
  });

  document.addEventListener('htmx:load', function (e) { foldQuickMenu(e.detail && e.detail.elt); });

  function init() {
    document.querySelectorAll('fieldset[data-picker]').forEach(listPicker);
    foldQuickMenu(document);

    // The diary picker opens the chosen user's diary.
    var picker = document.getElementById('diary-picker');
    if (picker) {
      picker.addEventListener('change', function () {
        location.href = '/diary/' + picker.elements.user.value;
      });
    }

    // The customer search: Enter in the search field searches (an htmx event filter needed eval),
    // and a search by Enter or submit tells the server so (X-Search-Submit).
    var filters = document.getElementById('filters');
    var q = document.getElementById('q');
    if (filters && q) {
      q.addEventListener('keyup', function (e) {
        if (e.key === 'Enter') q.dispatchEvent(new CustomEvent('kk-search-enter', { bubbles: true }));
      });
      filters.addEventListener('htmx:configRequest', function (e) {
        var t = e.detail.triggeringEvent;
        if (t && (t.type === 'submit' || t.type === 'kk-search-enter' || t.key === 'Enter')) {
          e.detail.headers['X-Search-Submit'] = '1';
        }
      });
    }
    // On a phone the customer filters fold away behind their summary, unless one is set.
    var fold = document.getElementById('filter-fold');
    if (fold && window.matchMedia('(max-width: 700px)').matches) {
      var set = Array.prototype.some.call(fold.querySelectorAll('select, input'), function (el) {
        return el.value !== '';
      });
      if (!set) fold.open = false;
    }

    // A new county empties the municipality before the county's municipalities are loaded.
    var county = document.getElementById('filter-county');
    var municipality = document.getElementById('filter-municipality');
    if (county && municipality) {
      county.addEventListener('change', function () { municipality.value = ''; });
    }

    // The message attachment upload empties the file input once it has been sent.
    var upload = document.getElementById('attach-upload');
    if (upload) {
      upload.addEventListener('htmx:afterRequest', function (e) {
        if (e.target !== upload) return;
        var file = document.getElementById('attach-file');
        if (file) file.value = '';
      });
    }
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }

  // After re-authentication the kept form (data-autosubmit) is posted again by itself, once;
  // without scripts its button does it (auth::reauth, decision 0060).
  function autosubmit() {
    var form = document.querySelector('form[data-autosubmit]');
    if (form && !form.dataset.sent) {
      form.dataset.sent = '1';
      form.submit();
    }
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', autosubmit);
  } else {
    autosubmit();
  }

  // The top bar's search box: "/" or Ctrl+K from anywhere focuses it; the arrow keys walk its
  // results, Escape closes them, a click elsewhere too. Enter in the box submits the form (the
  // results page); Enter on a result follows its link.
  (function () {
    var form = document.getElementById('global-search');
    if (!form) return;
    var input = document.getElementById('global-q');
    var pop = document.getElementById('global-search-results');
    function hits() { return [].slice.call(pop.querySelectorAll('a[data-search-hit]')); }
    function close() { pop.innerHTML = ''; }
    document.addEventListener('keydown', function (e) {
      var t = e.target;
      var typing = t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement ||
        t instanceof HTMLSelectElement || (t instanceof HTMLElement && t.isContentEditable);
      if ((e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) ||
          (e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey))) {
        e.preventDefault();
        input.focus();
        input.select();
      }
    });
    form.addEventListener('keydown', function (e) {
      var list = hits();
      var at = list.indexOf(document.activeElement);
      if (e.key === 'ArrowDown' && list.length) {
        e.preventDefault();
        list[Math.min(at + 1, list.length - 1)].focus();
      } else if (e.key === 'ArrowUp' && at >= 0) {
        e.preventDefault();
        if (at === 0) input.focus(); else list[at - 1].focus();
      } else if (e.key === 'Escape') {
        close();
        input.focus();
      }
    });
    document.addEventListener('click', function (e) {
      if (!(e.target instanceof Node) || !form.contains(e.target)) close();
    });
    // A cleared box (the search field's own clear button too) clears its results.
    input.addEventListener('input', function () { if (input.value.trim().length < 2) close(); });
  })();
})();
