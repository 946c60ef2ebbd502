// What jsdom lacks and the app uses.
Element.prototype.scrollIntoView = function scrollIntoView() {}
