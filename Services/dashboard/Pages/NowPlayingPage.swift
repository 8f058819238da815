/// Now Playing: the frame around `NowPlayingFragment` (one listener) or `LiveActivityFragment`
/// (no user chosen), with the status line, the refresh button and the script that refreshes the
/// fragment every 5 s without reloading the page.
enum NowPlayingPage {
    static func render(user: String?, fragment: String) -> String {
        let url = user.map { "/now-playing/fragment?user=" + AnalyticsFilter.percentEncoded($0) } ?? "/now-playing/fragment"
        return """
        <div class="status-bar"><span class="pill live">Live</span><span id="np-updated" aria-live="off">updated 0 s ago</span>
        <button type="button" id="np-refresh">Refresh now</button><span id="np-problem" role="status"></span></div>
        <div id="now-playing" data-fragment-url="\(HTML.escape(url))" aria-live="polite">\(fragment)</div>
        """
    }

    /// Refreshes every 5 s (and on the button), counts seconds since the last good refresh, and
    /// highlights recommendations that were not in the previous list.
    static let script = """
    (function(){
      var root=document.getElementById('now-playing'); if(!root) return;
      var updated=document.getElementById('np-updated'), problem=document.getElementById('np-problem');
      var url=root.getAttribute('data-fragment-url'), last=Date.now(), busy=false;
      function ids(){var out=[];root.querySelectorAll('li[data-track-id]').forEach(function(e){out.push(e.getAttribute('data-track-id'))});return out}
      function tick(){updated.textContent='updated '+Math.max(0,Math.round((Date.now()-last)/1000))+' s ago'}
      function refresh(){
        if(busy) return; busy=true;
        var before=ids();
        fetch(url,{cache:'no-store',headers:{'Accept':'text/html'}}).then(function(r){
          if(!r.ok) throw new Error('the dashboard answered HTTP '+r.status);
          return r.text();
        }).then(function(html){
          root.innerHTML=html; last=Date.now(); problem.textContent='';
          if(before.length){root.querySelectorAll('li[data-track-id]').forEach(function(e){
            if(before.indexOf(e.getAttribute('data-track-id'))<0) e.classList.add('changed');
          })}
          tick();
        }).catch(function(e){problem.textContent='Refresh failed: '+e.message+'; retrying.'}).then(function(){busy=false});
      }
      document.getElementById('np-refresh').addEventListener('click',refresh);
      setInterval(refresh,5000); setInterval(tick,1000);
    })();
    """
}
