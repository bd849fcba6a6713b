// Document uploads: drop files on the drop zone (or choose them), see their names, and upload
// with a progress bar. Without JavaScript the same form posts normally. The server checks
// every file again (size, type); this only spares a long upload that would be refused.
(function () {
  // htmx runs this script again when it brings in the card head dialog's upload form.
  if (window.kkDocuments) return;
  window.kkDocuments = true;

  function humanSize(bytes) {
    if (bytes >= 1048576) return (bytes / 1048576).toFixed(1).replace('.', ',') + ' MB';
    if (bytes >= 1024) return Math.round(bytes / 1024) + ' kB';
    return bytes + ' B';
  }

  function init(form) {
    if (form.dataset.uploadReady) return;
    form.dataset.uploadReady = '1';
    var input = form.querySelector('input[type=file]');
    var zone = form.querySelector('.dropzone') || form;
    var list = form.querySelector('.chosen');
    var bar = form.querySelector('progress');
    var status = form.querySelector('[role=status]');
    var max = parseInt(form.dataset.maxBytes || '0', 10);
    var maxFiles = parseInt(form.dataset.maxFiles || '20', 10);

    function show() {
      if (!list) return;
      list.innerHTML = '';
      Array.prototype.forEach.call(input.files, function (f) {
        var li = document.createElement('li');
        li.textContent = f.name + ' (' + humanSize(f.size) + ')';
        if (max && f.size > max) li.className = 'too-large';
        list.appendChild(li);
      });
    }

    input.addEventListener('change', show);
    ['dragenter', 'dragover'].forEach(function (name) {
      zone.addEventListener(name, function (e) {
        e.preventDefault();
        zone.classList.add('dragging');
      });
    });
    ['dragleave', 'drop'].forEach(function (name) {
      zone.addEventListener(name, function (e) {
        e.preventDefault();
        zone.classList.remove('dragging');
      });
    });
    zone.addEventListener('drop', function (e) {
      if (!e.dataTransfer || !e.dataTransfer.files.length) return;
      var dt = new DataTransfer();
      Array.prototype.slice.call(e.dataTransfer.files, 0, maxFiles).forEach(function (f) { dt.items.add(f); });
      input.files = dt.files;
      show();
    });

    form.addEventListener('submit', function (e) {
      // In the card head's dialog htmx sends the form and shows the answer there.
      if (form.closest('#quick-body')) return;
      if (!window.FormData || !window.XMLHttpRequest) return;
      e.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      if (bar) { bar.hidden = false; bar.value = 0; }
      var button = form.querySelector('button[type=submit]');
      if (button) button.disabled = true;
      xhr.upload.addEventListener('progress', function (ev) {
        if (!ev.lengthComputable) return;
        var pct = Math.round(ev.loaded * 100 / ev.total);
        if (bar) bar.value = pct;
        if (status) status.textContent = pct + ' %';
      });
      xhr.addEventListener('load', function () {
        // Success redirects to the list; refusals come back as a page that says why.
        if (xhr.responseURL && xhr.responseURL.split('#')[0] !== form.action && xhr.status < 300) {
          window.location.assign(xhr.responseURL);
        } else {
          document.open();
          document.write(xhr.responseText);
          document.close();
        }
      });
      xhr.addEventListener('error', function () {
        if (button) button.disabled = false;
        if (bar) bar.hidden = true;
        if (status) status.textContent = form.dataset.failed || 'Upload failed';
      });
      xhr.send(new FormData(form));
    });
  }

  function scan(root) {
    if (!root || !root.querySelectorAll) return;
    if (root.matches && root.matches('form.upload')) init(root);
    Array.prototype.forEach.call(root.querySelectorAll('form.upload'), init);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { scan(document); });
  } else {
    scan(document);
  }
  // What htmx brings in: the dialog's form, and the tab refreshed after a quick action.
  document.addEventListener('htmx:load', function (e) { scan(e.detail && e.detail.elt); });
})();
