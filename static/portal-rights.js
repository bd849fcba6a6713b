// The portal rights form on a contact's page: the preset selector ticks the preset's rights at
// once, and ticking by hand moves the selector to the preset that matches (or "custom"). The
// selector itself is never sent: the server saves exactly the ticked boxes. Without JavaScript
// the selector stays hidden and the boxes work alone.
(function () {
  var form = document.getElementById('portal-form');
  var select = document.getElementById('preset');
  var field = document.getElementById('preset-field');
  if (!form || !select || !field) return;
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[type=checkbox][name=rights]'));

  function ticked() {
    return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }).sort().join(',');
  }
  function rightsOf(option) {
    return (option.dataset.rights || '').split(',').filter(Boolean);
  }
  function match() {
    var now = ticked();
    select.value = '';
    Array.prototype.forEach.call(select.options, function (o) {
      if (o.value && now && rightsOf(o).sort().join(',') === now) select.value = o.value;
    });
  }

  select.addEventListener('change', function () {
    var option = select.options[select.selectedIndex];
    if (!option || !option.value) return;
    var rights = rightsOf(option);
    boxes.forEach(function (b) { b.checked = rights.indexOf(b.value) !== -1; });
  });
  boxes.forEach(function (b) { b.addEventListener('change', match); });
  field.hidden = false;
  match();
})();
