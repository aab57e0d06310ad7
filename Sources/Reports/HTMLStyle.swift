/// The report's one stylesheet and print script, inlined so the file works
/// offline and needs nothing from the network.
enum HTMLStyle {
    static let css = """
    :root { --ink: #1a1a1a; --muted: #555; --rule: #d9d9d9; --accent: #0072B2; --paper: #fff; --tint: #f4f6f8; }
    * { box-sizing: border-box; }
    html { background: var(--paper); }
    body { margin: 0; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
    main { max-width: 1000px; margin: 0 auto; padding: 28px 28px 48px; }
    header.report { border-bottom: 3px solid var(--accent); padding-bottom: 14px; margin-bottom: 8px; }
    .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--accent); font-weight: 600; margin: 0 0 4px; }
    h1 { font-size: 28px; line-height: 1.2; margin: 0 0 10px; }
    h2 { font-size: 20px; margin: 34px 0 8px; padding-top: 6px; border-top: 1px solid var(--rule); }
    header.report + section > h2, header.report + section > h2:first-child { border-top: none; margin-top: 18px; }
    h3 { font-size: 16px; margin: 22px 0 6px; }
    p.lede { font-size: 18px; line-height: 1.45; margin: 8px 0 0; max-width: 60em; }
    p.meta, .small, figcaption { color: var(--muted); font-size: 13px; }
    header.report p.meta { margin: 10px 0 0; }
    .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 10px; margin: 16px 0 4px; }
    .figure { background: var(--tint); border-left: 4px solid var(--accent); padding: 10px 12px; }
    .figure .label { font-size: 12.5px; color: var(--muted); }
    .figure .value { font-size: 22px; font-weight: 650; font-variant-numeric: tabular-nums; }
    .figure .se { font-size: 13px; color: var(--muted); }
    figure { margin: 18px 0; break-inside: avoid; page-break-inside: avoid; }
    svg.chart { display: block; width: 100%; max-width: 760px; height: auto; border: 1px solid var(--rule); }
    table { border-collapse: collapse; margin: 10px 0 18px; font-size: 13.5px; font-variant-numeric: tabular-nums; break-inside: auto; }
    caption { text-align: left; font-weight: 600; padding: 0 0 6px; }
    th, td { padding: 5px 10px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
    th { background: var(--tint); font-weight: 600; vertical-align: bottom; }
    .table-wrap { overflow-x: auto; }
    table.wide { font-size: 12.5px; }
    table.wide td:first-child { min-width: 11em; }
    table.wide th { padding: 5px 7px; }
    table.wide td { padding: 5px 7px; }
    td.num, th.num { text-align: right; }
    ul.explanation li { margin: 4px 0; }
    details { margin: 12px 0; border: 1px solid var(--rule); padding: 6px 12px; }
    details > summary { cursor: pointer; font-weight: 600; font-size: 16px; padding: 4px 0; }
    footer { margin-top: 40px; padding-top: 10px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12.5px; }
    code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12.5px; word-break: break-all; }
    @media print {
      @page { margin: 16mm 14mm; }
      body { font-size: 11pt; }
      main { max-width: none; padding: 0; }
      h2 { break-after: avoid; page-break-after: avoid; }
      svg.chart { max-width: 100%; border: none; }
      .figure { border: 1px solid #999; border-left: 4px solid var(--accent); }
      details { border: none; padding: 0; }
      details > summary { list-style: none; }
      table { font-size: 9pt; }
      .table-wrap { overflow: visible; }
      tr { break-inside: avoid; page-break-inside: avoid; }
    }
    """

    /// Opens collapsed sections before printing so the printout has everything.
    static let printScript = """
    window.addEventListener('beforeprint', function () { document.querySelectorAll('details').forEach(function (d) { d.open = true; }); });
    """
}
