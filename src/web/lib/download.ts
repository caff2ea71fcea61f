/** Saves text or a blob as a file the browser downloads. */
export function download(name: string, content: string | Blob, type = "text/plain;charset=utf-8"): void {
  const blob = typeof content === "string" ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

/**
 * An on-screen SVG as a standalone file: the namespace declared, and the page's styles for it copied
 * onto each element (stroke, fill, opacity), so that it looks the same outside the page.
 */
export function standaloneSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const box = svg.getBoundingClientRect();
  copy.setAttribute("width", String(Math.round(box.width)));
  copy.setAttribute("height", String(Math.round(box.height)));
  const from = svg.querySelectorAll<SVGElement>("*");
  const to = copy.querySelectorAll<SVGElement>("*");
  from.forEach((el, i) => {
    const style = getComputedStyle(el);
    const target = to[i];
    if (!target) return;
    for (const prop of ["fill", "stroke", "stroke-width", "opacity", "fill-opacity"]) {
      const value = style.getPropertyValue(prop);
      if (value) target.style.setProperty(prop, value);
    }
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}
