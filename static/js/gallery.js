// Case gallery lightbox: each [data-gallery-item] link opens its picture in the gallery's <dialog>.
// Without JavaScript the links still open the large picture. Keys: ← → move, Escape closes; focus
// goes back to the picture that was opened.
(function () {
  "use strict";

  function setUp(gallery) {
    var dialog = gallery.querySelector("[data-lightbox]");
    var items = Array.prototype.slice.call(gallery.querySelectorAll("[data-gallery-item]"));
    if (!dialog || !items.length || typeof dialog.showModal !== "function") {
      return; // no <dialog> support: the plain links keep working
    }
    var image = dialog.querySelector("[data-lightbox-image]");
    var caption = dialog.querySelector("[data-lightbox-caption]");
    var position = dialog.querySelector("[data-lightbox-position]");
    var previous = dialog.querySelector("[data-lightbox-previous]");
    var next = dialog.querySelector("[data-lightbox-next]");
    var close = dialog.querySelector("[data-lightbox-close]");
    var current = 0;
    var opener = null;

    if (items.length < 2) {
      previous.hidden = true;
      next.hidden = true;
    }

    function show(index) {
      current = (index + items.length) % items.length;
      var item = items[current];
      var picture = item.querySelector("img");
      var figcaption = item.parentNode.querySelector("figcaption");
      image.removeAttribute("src");
      image.srcset = item.getAttribute("data-srcset") || "";
      image.src = item.href;
      image.alt = picture ? picture.alt : "";
      // Caption, then credit and licence, as under the thumbnail.
      caption.textContent = figcaption
        ? Array.prototype.map.call(figcaption.children, function (part) {
            return part.textContent.replace(/\s+/g, " ").trim();
          }).filter(Boolean).join(" · ")
        : "";
      position.textContent = items.length > 1 ? current + 1 + " / " + items.length : "";
    }

    items.forEach(function (item, index) {
      item.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
          return; // let "open in new tab" work
        }
        event.preventDefault();
        opener = item;
        show(index);
        dialog.showModal();
        close.focus();
      });
    });

    previous.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    close.addEventListener("click", function () { dialog.close(); });

    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") {
        event.preventDefault();
        show(current - 1);
      } else if (event.key === "ArrowRight") {
        event.preventDefault();
        show(current + 1);
      }
      // Escape is handled by <dialog> itself and ends in the "close" event below.
    });

    // A click on the dark backdrop (the dialog element itself, outside its content) closes it.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) {
        dialog.close();
      }
    });

    dialog.addEventListener("close", function () {
      if (opener) {
        opener.focus();
      }
    });
  }

  document.querySelectorAll("[data-gallery]").forEach(setUp);
})();
