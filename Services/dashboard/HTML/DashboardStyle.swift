/// The dashboard's one stylesheet, inlined in every page: no external assets, one request per page.
/// Colours keep text contrast at WCAG AA or better (muted text #545d68 on white is 6.4:1).
enum DashboardStyle {
    static let css = """
    :root{--bg:#f4f5f7;--card:#fff;--text:#1b1f24;--muted:#545d68;--line:#d8dde3;--accent:#146c2e;--bar:#1db954;--bar-soft:#c9f1d6;--error:#a4161a;--error-bg:#fdecec;--warn-bg:#fff7e0;--head:#121212}
    *{box-sizing:border-box}
    body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--text);background:var(--bg)}
    a{color:var(--accent)}
    header.top{background:var(--head);color:#fff;padding:0 24px;display:flex;flex-wrap:wrap;align-items:center;gap:8px 24px}
    header.top .brand{font-weight:700;font-size:17px;padding:14px 0;color:#fff;text-decoration:none;letter-spacing:.2px}
    header.top .brand span{color:var(--bar)}
    nav.pages{display:flex;flex-wrap:wrap;gap:4px}
    nav.pages a{color:#e6e6e6;text-decoration:none;padding:8px 12px;border-radius:999px;font-size:14px}
    nav.pages a:hover{background:#2a2a2a}
    nav.pages a[aria-current=page]{background:var(--bar);color:#0b0b0b;font-weight:600}
    main{max-width:1200px;margin:0 auto;padding:20px 24px 48px}
    h1{font-size:26px;margin:8px 0 4px}
    h2{font-size:18px;margin:0 0 12px}
    .subtitle{color:var(--muted);margin:0 0 16px}
    form.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end;background:var(--card);border:1px solid var(--line);border-radius:12px;padding:12px 16px;margin-bottom:20px}
    .field{display:flex;flex-direction:column;gap:2px;min-width:140px}
    .field label{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.4px}
    .field input,.field select{font:inherit;padding:6px 8px;border:1px solid #aab3bd;border-radius:8px;background:#fff;color:var(--text)}
    .field.invalid input,.field.invalid select{border-color:var(--error);outline:2px solid var(--error-bg)}
    .filter-actions{display:flex;gap:8px;align-items:center}
    button,.button-link{font:inherit;font-weight:600;padding:7px 14px;border-radius:999px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;text-decoration:none}
    .button-link{background:#fff;color:var(--accent)}
    .grid{display:grid;gap:16px;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));margin-bottom:20px}
    .grid.two{grid-template-columns:repeat(auto-fit,minmax(340px,1fr))}
    .card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:16px 18px}
    .kpi .label{color:var(--muted);font-size:13px}
    .kpi .value{font-size:28px;font-weight:700;margin-top:2px;font-variant-numeric:tabular-nums}
    .kpi .detail{color:var(--muted);font-size:13px}
    .up{color:var(--accent)} .down{color:var(--error)}
    svg.chart{width:100%;height:auto;display:block}
    svg.chart text{font:11px system-ui,sans-serif;fill:var(--muted)}
    svg.chart .axis{stroke:#8a939d;stroke-width:1}
    svg.chart .grid-line{stroke:#e7eaee;stroke-width:1}
    svg.chart .line{fill:none;stroke:var(--accent);stroke-width:2}
    svg.chart .area{fill:var(--bar-soft);opacity:.7}
    svg.chart .point{fill:var(--accent)}
    svg.chart .point-hit{fill:transparent}
    svg.chart .point-hit:hover{fill:var(--bar);opacity:.35}
    svg.chart .bar{fill:var(--bar)}
    svg.chart .bar:hover{fill:var(--accent)}
    table{width:100%;border-collapse:collapse}
    th,td{text-align:left;padding:7px 6px;border-bottom:1px solid var(--line);vertical-align:top}
    th{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.4px}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    .muted{color:var(--muted)}
    .rank{color:var(--muted);width:2em}
    .inline-bar{height:6px;background:var(--bar-soft);border-radius:3px;margin-top:4px}
    .inline-bar span{display:block;height:100%;background:var(--bar);border-radius:3px}
    .score{display:flex;align-items:center;gap:8px;min-width:140px}
    .score .track{flex:1;height:10px;background:#e7eaee;border-radius:5px;overflow:hidden}
    .score .fill{display:block;height:100%;background:var(--bar)}
    .score .figure{font-variant-numeric:tabular-nums;font-weight:600;min-width:3.2em;text-align:right}
    .notice{border-radius:12px;padding:12px 16px;margin:0 0 16px;border:1px solid var(--line);background:var(--card)}
    .notice p{margin:4px 0 0}
    .notice-error{border-color:#e5a3a5;background:var(--error-bg);color:var(--error)}
    .notice-error p{color:#5c0f12}
    .notice-empty{background:var(--warn-bg);border-color:#eed9a0}
    .now{display:flex;gap:20px;align-items:center;flex-wrap:wrap}
    .now .cover{width:180px;height:180px;border-radius:12px;flex:none;object-fit:cover;box-shadow:0 4px 16px rgba(0,0,0,.18)}
    .now .meta h2{font-size:24px;margin:0}
    .now .meta .artist{font-size:17px}
    .pill{display:inline-block;font-size:12px;padding:2px 10px;border-radius:999px;background:#eef1f4;color:var(--text);margin-right:6px}
    .pill.live{background:var(--bar);color:#0b0b0b;font-weight:600}
    .status-bar{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin:0 0 16px;color:var(--muted)}
    ol.recs{list-style:none;margin:0;padding:0}
    ol.recs li{display:grid;grid-template-columns:2.2em 1fr minmax(150px,220px);gap:4px 14px;padding:10px 8px;border-bottom:1px solid var(--line);border-radius:8px;transition:background 1.2s}
    ol.recs li.changed{background:#fff3c4}
    ol.recs .title{font-weight:600}
    ol.recs .reason,ol.recs .values{font-size:13px;color:var(--muted);grid-column:2/4}
    ol.recs .values span{margin-right:14px}
    .play{font-size:13px;font-weight:600;white-space:nowrap}
    footer{color:var(--muted);font-size:12px;text-align:center;padding:16px}
    @media (max-width:640px){main{padding:14px 12px 32px}header.top{padding:0 12px}.kpi .value{font-size:22px}.now .cover{width:120px;height:120px}ol.recs li{grid-template-columns:2em 1fr}ol.recs .score{grid-column:2/3}.field{min-width:46%}}
    """
}
