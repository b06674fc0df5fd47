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

  // A meeting's notice (after a change, a refusal or loaded messages) goes to the status line.
  function notice(event) {
    var status = document.getElementById("mote-status");
    var conflict = document.getElementById("mote-konflikt");
    if (event.detail && typeof event.detail.notice === "string" && status) {
      status.textContent = event.detail.notice;
      if (conflict) {
        conflict.replaceChildren();
      }
    }
  }
  document.addEventListener("meeting-changed", notice);
  document.addEventListener("meeting-notice", notice);
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
