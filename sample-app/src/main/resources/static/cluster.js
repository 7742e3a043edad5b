// The cluster page: polls the `casty` Actuator endpoint and the sample's /cluster/stats
// every second and redraws members, services, the shard grids and the live figures.
(function () {
  'use strict';

  var PALETTE = ['#2563eb', '#16a34a', '#ea580c', '#9333ea', '#0891b2', '#db2777', '#65a30d', '#ca8a04',
    '#4f46e5', '#0d9488', '#dc2626', '#7c3aed'];
  var POLL_MS = 1000;
  var colours = {};

  function colourOf(node) {
    if (!(node in colours)) {
      colours[node] = PALETTE[Object.keys(colours).length % PALETTE.length];
    }
    return colours[node];
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === 'text') { node.textContent = attrs[name]; } else { node.setAttribute(name, attrs[name]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  function text(id, value) { document.getElementById(id).textContent = value; }

  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' }).then(function (response) {
      if (!response.ok) { throw new Error(url + ' answered ' + response.status); }
      return response.json();
    });
  }

  function renderMembers(casty) {
    var byNode = {};
    (casty.connections || []).forEach(function (c) { (byNode[c.node] = byNode[c.node] || []).push(c); });
    var body = document.querySelector('#members tbody');
    body.replaceChildren.apply(body, casty.members.map(function (m) {
      var connections = (byNode[m.address] || []).map(function (c) {
        return el('span', { class: 'badge ' + c.state, title: (c.lastFailure ? 'last failure: ' + c.lastFailure : ''),
          text: 'lane ' + c.lane + ' ' + c.state + (c.reconnectAttempts ? ' (' + c.reconnectAttempts + ' retries)' : '') });
      });
      var leader = (casty.topology.leader === m.address) ? el('span', { class: 'badge leader', text: 'leader' }) : null;
      return el('tr', { 'data-address': m.address, class: m.reachable ? 'reachable' : 'unreachable' }, [
        el('td', {}, [el('span', { class: 'swatch', style: 'background:' + colourOf(m.address) })]),
        el('td', { class: 'address' }, [document.createTextNode(m.address), leader]),
        el('td', { class: 'nowrap', text: m.id }),
        el('td', {}, [el('span', { class: 'badge ' + m.status, text: m.status })]),
        el('td', { text: (m.roles && m.roles.length) ? m.roles.join(', ') : '–' }),
        el('td', { class: 'reach' }, [el('span', { class: 'badge ' + (m.reachable ? 'reachable' : 'unreachable'),
          text: m.reachable ? 'reachable' : 'unreachable' }), m.reason ? el('span', { class: 'reason', text: m.reason }) : null]),
        el('td', {}, connections.length ? connections : [document.createTextNode('–')])
      ]);
    }));
  }

  function renderServices(casty) {
    var body = document.querySelector('#services tbody');
    var keys = Object.keys(casty.services || {});
    if (!keys.length) {
      body.replaceChildren(el('tr', {}, [el('td', { colspan: '2', class: 'muted', text: 'no service registered' })]));
      return;
    }
    body.replaceChildren.apply(body, keys.map(function (key) {
      var service = casty.services[key];
      return el('tr', { 'data-service': key }, [el('td', { text: key }), el('td', {}, service.instances.map(function (i) {
        return el('div', { class: 'address' }, [el('span', { class: 'swatch', style: 'background:' + colourOf(i.node) }),
          document.createTextNode(' ' + i.node + i.path + (i.available ? '' : ' (unavailable)'))]);
      }))]);
    }));
  }

  function renderShards(maps, unreachable) {
    var container = document.getElementById('shards');
    container.replaceChildren.apply(container, maps.map(function (map) {
      var grid = el('div', { class: 'grid', 'data-type': map.shardType }, map.owners.map(function (owner, shard) {
        var node = owner >= 0 ? map.nodes[owner] : null;
        var lost = node && unreachable[node];
        return el('div', { class: 'cell' + (node ? '' : ' unowned') + (lost ? ' lost' : ''), 'data-shard': String(shard),
          'data-node': node || '',
          title: 'shard ' + shard + ' → ' + (node || 'not allocated or owner unavailable') + (lost ? ' (unreachable)' : ''),
          style: node ? 'background:' + colourOf(node) : '' });
      }));
      var legend = el('div', { class: 'legend' }, Object.keys(map.perNode).map(function (node) {
        return el('span', {}, [el('span', { class: 'swatch', style: 'background:' + colourOf(node) }),
          document.createTextNode(' ' + node + ': ' + map.perNode[node])]);
      }));
      var allocated = map.owners.filter(function (o) { return o >= 0; }).length;
      return el('div', { class: 'type' }, [el('h3', { text: map.shardType + ' · ' + allocated + ' of ' + map.owners.length
        + ' shards routable · epoch ' + map.allocationEpoch }), grid, legend]);
    }));
  }

  function renderFigures(casty, stats) {
    text('system', casty.client.systemName);
    text('leader', casty.topology.leader || 'none');
    text('epoch', casty.topology.allocationEpoch);
    text('age', casty.topology.received ? (casty.topology.ageMs / 1000).toFixed(1) + ' s' : 'no snapshot');
    text('pending', casty.pendingAsks);
    text('buffered', casty.bufferedMessages);
    text('asks-rate', stats.perSecond.toFixed(1));
    text('asks-p99', stats.p99Ms == null ? '–' : stats.p99Ms.toFixed(2) + ' ms');
    var unreachable = casty.members.filter(function (m) { return !m.reachable; }).length;
    var status = document.getElementById('status');
    status.className = 'status ' + (unreachable ? 'bad' : 'ok');
    status.textContent = casty.members.length + ' members' + (unreachable ? ', ' + unreachable + ' unreachable' : ', all reachable');
  }

  function poll() {
    Promise.all([getJson('actuator/casty'), getJson('cluster/stats')]).then(function (results) {
      var casty = results[0];
      var stats = results[1];
      casty.members.forEach(function (m) { colourOf(m.address); });
      return Promise.all(Object.keys(casty.shardTypes).map(function (type) {
        return getJson('actuator/casty/' + encodeURIComponent(type));
      })).then(function (maps) {
        renderFigures(casty, stats);
        renderMembers(casty);
        renderServices(casty);
        var unreachable = {};
        casty.members.forEach(function (m) { if (!m.reachable) { unreachable[m.address] = true; } });
        renderShards(maps, unreachable);
        document.getElementById('error').hidden = true;
        text('updated', 'updated ' + new Date().toLocaleTimeString());
      });
    }).catch(function (error) {
      var banner = document.getElementById('error');
      banner.textContent = 'Cannot refresh: ' + error.message;
      banner.hidden = false;
    }).finally(function () {
      setTimeout(poll, POLL_MS);
    });
  }

  poll();
}());
