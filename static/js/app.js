// Every htmx request carries the CSRF token that the server put on <body>.
document.addEventListener("htmx:configRequest", function (event) {
  event.detail.headers["X-CSRF-Token"] = document.body.dataset.csrfToken;
});

// Every failed htmx request is seen: the server's Swedish fragment (or a plain line when
// the server gave none, or could not be reached) goes into the page's alert region.
(function () {
  var FAILED = "Något gick fel och ändringen sparades inte. Försök igen om en stund.";
  var OFFLINE = "Servern kunde inte nås. Kontrollera anslutningen och försök igen.";

  function region() {
    return document.getElementById("htmx-fel");
  }

  function show(nodes) {
    var target = region();
    if (!target) {
      return;
    }
    target.replaceChildren.apply(target, nodes);
    target.hidden = false;
  }

  function line(text) {
    var p = document.createElement("p");
    p.className = "error-fragment";
    p.textContent = text;
    return [p];
  }

  // The user's next change clears the alert; the poller's and the parts' GETs do not.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var config = event.detail.requestConfig;
    if (config && config.verb === "get") {
      return;
    }
    var target = region();
    if (target && !target.hidden) {
      target.hidden = true;
      target.replaceChildren();
    }
  });

  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    // The server already put its answer where it belongs (a meeting's conflict notice).
    if (xhr.getResponseHeader("HX-Retarget")) {
      return;
    }
    var type = xhr.getResponseHeader("Content-Type") || "";
    if (type.indexOf("text/html") === 0 && xhr.responseText) {
      var parsed = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var nodes = Array.prototype.slice.call(parsed.body.childNodes);
      show(nodes.length ? nodes : line(FAILED));
    } else {
      show(line(FAILED));
    }
  });

  document.addEventListener("htmx:sendError", function () {
    show(line(OFFLINE));
  });

  // A meeting's parts refresh themselves on this event; its notice goes to the status line,
  // which closes by its button, by Escape, or by itself after a while (the notice stays in
  // the conversation and the list of changes). While it shows, the page gets room at the
  // bottom, so the box never hides the last controls.
  var HIDE_AFTER_MS = 8000;  // unless the box says otherwise (data-hide-after)
  var timer = null;

  function hideStatus() {
    var box = document.getElementById("mote-status-ruta");
    var status = document.getElementById("mote-status");
    window.clearTimeout(timer);
    timer = null;
    if (box) {
      box.classList.remove("meeting-status--shown");
    }
    if (status) {
      status.textContent = "";
    }
    document.body.style.paddingBottom = "";
  }

  function hideLater() {
    var box = document.getElementById("mote-status-ruta");
    var after = box && Number(box.dataset.hideAfter) > 0 ? Number(box.dataset.hideAfter) : HIDE_AFTER_MS;
    window.clearTimeout(timer);
    timer = window.setTimeout(hideStatus, after);
  }

  function notice(event) {
    var status = document.getElementById("mote-status");
    var box = document.getElementById("mote-status-ruta");
    var conflict = document.getElementById("mote-konflikt");
    if (event.detail && typeof event.detail.notice === "string" && status) {
      status.textContent = event.detail.notice;
      if (box) {
        box.classList.add("meeting-status--shown");
        // Room below the page as tall as the box, so it can never hide the last controls.
        document.body.style.paddingBottom = (box.offsetHeight + 32) + "px";
        hideLater();
      }
      if (conflict) {
        conflict.replaceChildren();
      }
    }
  }
  document.addEventListener("meeting-changed", notice);
  document.addEventListener("meeting-notice", notice);

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("#mote-status-stang")) {
      hideStatus();
    }
  });

  document.addEventListener("keydown", function (event) {
    var box = document.getElementById("mote-status-ruta");
    if (event.key === "Escape" && box && box.classList.contains("meeting-status--shown")) {
      hideStatus();
    }
  });

  // Reading the box (pointer or keyboard on it) keeps it open until it is left.
  ["mouseover", "focusin"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      if (timer && event.target.closest && event.target.closest("#mote-status-ruta")) {
        window.clearTimeout(timer);
      }
    });
  });
  ["mouseout", "focusout"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      var box = document.getElementById("mote-status-ruta");
      if (box && box.classList.contains("meeting-status--shown") &&
          event.target.closest && event.target.closest("#mote-status-ruta")) {
        hideLater();
      }
    });
  });
})();

// A part refreshed because someone else changed the meeting keeps what this screen is
// editing: an open row editor, or a form with typed changes, is put back as it was after
// the swap. Its own save then tells whether someone changed the same row meanwhile.
(function () {
  var kept = null;

  function changed(element) {
    var fields = element.querySelectorAll("input, textarea, select");
    for (var i = 0; i < fields.length; i += 1) {
      var field = fields[i];
      if (field.type === "hidden") {
        continue;
      }
      if (field.tagName === "SELECT") {
        for (var j = 0; j < field.options.length; j += 1) {
          if (field.options[j].selected !== field.options[j].defaultSelected) {
            return true;
          }
        }
      } else if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked !== field.defaultChecked) {
          return true;
        }
      } else if (field.value !== field.defaultValue) {
        return true;
      }
    }
    return false;
  }

  function editing(element) {
    if (element.tagName === "DETAILS" && element.open) {
      return true;
    }
    return changed(element);
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var config = event.detail.requestConfig;
    kept = null;
    if (!config || config.verb !== "get" || !event.detail.shouldSwap) {
      return;
    }
    var nodes = [];
    event.detail.target.querySelectorAll("[data-keep-while-editing][id]").forEach(function (el) {
      if (editing(el)) {
        nodes.push(el);
      }
    });
    if (nodes.length) {
      var active = document.activeElement;
      kept = {
        nodes: nodes,
        active: active,
        selection: active && typeof active.selectionStart === "number"
          ? [active.selectionStart, active.selectionEnd] : null
      };
    }
  });

  // A change's answer brings the other parts that changed out of band (``hx-swap-oob``):
  // what this screen is editing in them is kept the same way.
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || !event.detail.shouldSwap) {
      return;
    }
    var nodes = [];
    target.querySelectorAll("[data-keep-while-editing][id]").forEach(function (el) {
      if (editing(el)) {
        nodes.push(el);
      }
    });
    if (!nodes.length) {
      return;
    }
    if (!kept) {
      var active = document.activeElement;
      kept = {
        nodes: [],
        active: active,
        selection: active && typeof active.selectionStart === "number"
          ? [active.selectionStart, active.selectionEnd] : null
      };
    }
    kept.nodes = kept.nodes.concat(nodes);
  });

  document.addEventListener("htmx:afterSwap", restore);
  document.addEventListener("htmx:afterSettle", restore);

  function restore() {
    if (!kept) {
      return;
    }
    var saved = kept;
    kept = null;
    saved.nodes.forEach(function (old) {
      var fresh = document.getElementById(old.id);
      if (!fresh || fresh === old) {
        return;  // the row is gone: its editor goes with it
      }
      // Forms that only act on the current plan (Ta bort) take the new revision.
      var freshForms = fresh.querySelectorAll("form[data-fresh-revision]");
      old.querySelectorAll("form[data-fresh-revision]").forEach(function (form, index) {
        var source = freshForms[index] && freshForms[index].querySelector("input[name=revision]");
        var input = form.querySelector("input[name=revision]");
        if (source && input) {
          input.value = source.value;
        }
      });
      fresh.replaceWith(old);
      htmx.process(old);
    });
    var active = saved.active;
    if (active && active !== document.body && document.contains(active)) {
      active.focus();
      if (saved.selection && typeof active.setSelectionRange === "function") {
        try {
          active.setSelectionRange(saved.selection[0], saved.selection[1]);
        } catch (ignored) {
          // number inputs have no selection
        }
      }
    }
  }
})();

// The meeting's parts, by the names the server gives them, and their elements.
var MEETING_PARTS = { akut: "akut", behov: "behovsprofil", plan: "plan", versioner: "versioner" };

// After a change's answer is swapped in: each part remembers the digest of what it shows
// (on its own element, so a page restored from history carries its own), and a part the
// answer left out, because it did not change, takes the new revision for its forms.
document.addEventListener("meeting-parts", function (event) {
  var detail = event.detail || {};
  var revision = String(detail.revision);
  var digests = detail.digests || {};
  Object.keys(digests).forEach(function (name) {
    var element = document.getElementById(MEETING_PARTS[name] || "");
    if (!element) {
      return;
    }
    element.dataset.digest = digests[name];
    element.querySelectorAll('input[name="revision"]').forEach(function (input) {
      input.value = revision;
    });
    var source = element.getAttribute("hx-get");
    if (source && source.indexOf("revision=") !== -1) {
      element.setAttribute("hx-get", source.replace(/revision=\d+/, "revision=" + revision));
      htmx.process(element);
    }
  });
});

// On a meeting page every request names the latest message the screen shows, the alerts
// it shows and the digests of its parts, so a change's answer sends only the new messages
// and the parts that changed, and announces only a new alert.
document.addEventListener("htmx:configRequest", function (event) {
  var shown = [];
  Object.keys(MEETING_PARTS).forEach(function (name) {
    var element = document.getElementById(MEETING_PARTS[name]);
    if (element && element.dataset.digest) {
      shown.push(name + ":" + element.dataset.digest);
    }
  });
  if (shown.length) {
    event.detail.headers["X-Mote-Delar"] = shown.join(",");
  }
  var messages = document.querySelectorAll("#samtal-lista [data-meddelande]");
  if (messages.length) {
    event.detail.headers["X-Mote-Senaste"] = messages[messages.length - 1].dataset.meddelande;
  }
  var alerts = document.getElementById("akut");
  var source = alerts && alerts.getAttribute("hx-get");
  if (source) {
    var shown = new URL(source, window.location.href).searchParams.get("shown");
    event.detail.headers["X-Mote-Varningar"] = shown || "";
  }
});

// "Visa tidigare": the first of the loaded messages takes the focus, so keyboard and
// screen-reader users go on reading where the new messages begin.
document.addEventListener("htmx:afterSettle", function () {
  var first = document.querySelector("#samtal-lista [data-fokus]");
  if (first) {
    first.removeAttribute("data-fokus");
    first.focus();
  }
});
