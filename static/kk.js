// Small behaviours the pages used to carry in on…= and hx-on attributes, moved here so the
// Content-Security-Policy can forbid inline scripts and eval (decision 0025). Each is wired by
// an id or a data- attribute; the page works without it as it did before.
(function () {
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
