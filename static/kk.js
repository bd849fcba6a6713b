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
  // A new request clears the last one's toast, so an old error does not linger beside a new one.
  document.addEventListener('htmx:beforeRequest', function () {
    var toasts = document.getElementById('toasts');
    if (toasts) toasts.textContent = '';
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
    document.cookie = 'kk_lang=' + a.dataset.setLang + ';path=/';
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

  function init() {
    document.querySelectorAll('fieldset[data-picker]').forEach(listPicker);

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
})();
