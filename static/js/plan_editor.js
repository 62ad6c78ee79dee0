/* The plan and task editors: unit pickers with search and chips, formset rows, the budget total.
   Without this file every form still works: the pickers are plain checkbox lists. */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function enhancePicker(list) {
    var items = Array.prototype.slice.call(list.querySelectorAll("input[type=checkbox]"));
    var chips = document.createElement("ul");
    chips.className = "chips";
    chips.setAttribute("aria-live", "polite");
    var search = document.createElement("input");
    search.type = "search";
    search.className = "picker-search";
    search.placeholder = "Tìm đơn vị…";
    search.setAttribute("aria-label", "Tìm đơn vị");
    list.parentNode.insertBefore(chips, list);
    list.parentNode.insertBefore(search, list);
    function labelOf(box) { var l = box.closest("label"); return l ? l.textContent.trim() : box.value; }
    function redraw() {
      chips.innerHTML = "";
      items.filter(function (box) { return box.checked; }).forEach(function (box) {
        var chip = document.createElement("li");
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "chip";
        remove.textContent = labelOf(box) + " ×";
        remove.setAttribute("aria-label", "Bỏ " + labelOf(box));
        remove.addEventListener("click", function () { box.checked = false; redraw(); });
        chip.appendChild(remove);
        chips.appendChild(chip);
      });
    }
    search.addEventListener("input", function () {
      var q = fold(search.value.trim());
      items.forEach(function (box) {
        var row = box.closest("div") || box.parentNode;
        row.hidden = q !== "" && fold(labelOf(box)).indexOf(q) === -1 && !box.checked;
      });
    });
    items.forEach(function (box) { box.addEventListener("change", redraw); });
    redraw();
  }

  function addRow(fieldset) {
    var total = fieldset.querySelector("input[name$='-TOTAL_FORMS']");
    var template = fieldset.querySelector("template.empty-row");
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    fieldset.querySelector(".formset-rows").insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
  }

  function number(value) {
    var n = parseFloat(String(value || "").replace(/\./g, "").replace(",", "."));
    return isNaN(n) ? 0 : n;
  }

  function budget(form) {
    var box = form.querySelector(".budget-total");
    if (!box) { return; }
    var timer = null;
    function recompute() {
      var sum = 0;
      form.querySelectorAll(".budget-line").forEach(function (line) {
        var del = line.querySelector("input[name$='-DELETE']");
        if (del && del.checked) { return; }
        var price = line.querySelector("input[name$='-unit_price']");
        var qty = line.querySelector("input[name$='-quantity']");
        if (price && qty) { sum += Math.round(number(price.value) * number(qty.value)); }
      });
      box.querySelector("[data-total]").textContent = sum.toLocaleString("vi-VN");
      clearTimeout(timer);
      timer = setTimeout(function () {
        fetch(form.dataset.wordsUrl + "?amount=" + sum, { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.text() : ""; })
          .then(function (words) {
            box.querySelector("[data-words]").textContent = words ? "(Bằng chữ: " + words + ")" : "";
            // The line the plan prints, kept in step until the officer writes it differently.
            var printed = form.querySelector("#id_budget_total_text");
            if (printed && words && (printed.value === "" || printed.dataset.auto === printed.value)) {
              printed.value = printed.dataset.auto = "Tổng kinh phí: " + words + ".";
            }
          });
      }, 250);
    }
    form.addEventListener("input", recompute);
    form.addEventListener("change", recompute);
    recompute();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("div.unit-picker").forEach(enhancePicker);
    document.querySelectorAll("fieldset.formset").forEach(function (fieldset) {
      var button = fieldset.querySelector(".add-row");
      if (button) { button.addEventListener("click", function () { addRow(fieldset); }); }
    });
    var planForm = document.querySelector("form.plan-form");
    if (planForm) { budget(planForm); }
  });
})();
