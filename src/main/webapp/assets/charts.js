// Harmless-rate charts drawn with Apache ECharts: grouped bars with their 95% intervals as whiskers, and trend lines.
import {h} from './dom.js';
import {t} from './i18n.js';

// a neutral first colour: a harmless rate is not an alarm (issue 22: every bar was red)
const COLORS = ['#2e5e8c', '#c2693e', '#5b8c3a', '#8c3a6b', '#d68910', '#16a085', '#7f8c8d'];

/** The chart's box; its text alternative (aria-label) says what the bars say, for readers that cannot see them. */
function chartBox(id, label) {
    return h('div', {className: 'chart', id, role: 'img', 'aria-label': label || ''});
}

function pct(v) {
    return v === null || v === undefined || isNaN(v) ? '—' : (v * 100).toFixed(2) + '%';
}

const Y_AXIS = () => ({type: 'value', min: 0, max: 100, name: t('metric.rate') + ' (%)', nameLocation: 'middle',
    nameGap: 36, nameRotate: 90});

/**
 * Draws into the box once it is on the page (next frame); the returned stop disposes the chart, or cancels the drawing
 * when the page changed before it happened. echarts is the global of the WebJar's bundle.
 */
function draw(box, onLeave, option) {
    let chart = null;
    let stopped = false;
    const resize = () => chart && chart.resize();
    onLeave(() => {
        stopped = true;
        window.removeEventListener('resize', resize);
        if (chart) chart.dispose();
    });
    requestAnimationFrame(() => {
        if (stopped || !box.isConnected) return;
        chart = echarts.init(box, null, {renderer: 'svg'});
        chart.setOption(option);
        window.addEventListener('resize', resize);
    });
}

/**
 * categories: the x labels (dimensions); series: [{name, values: [rate|null], ci: [[low, high]|null]}].
 * Returns the element; call .dispose() on leave (given to ctx.onLeave).
 */
export function rateChart(id, categories, series, onLeave) {
    const box = chartBox(id, series.map(s => s.name + ': ' + categories.map((c, k) => c + ' ' + pct(s.values[k])
        + (s.ci[k] ? ' (' + pct(s.ci[k][0]) + '–' + pct(s.ci[k][1]) + ')' : '')).join(', ')).join('; '));
    // one series: each category's label carries its rate, so no number sits where a whisker is drawn
    const single = series.length === 1;
    const labels = single ? categories.map((c, k) => c + '\n' + pct(series[0].values[k])) : categories;
    const bars = series.map((s, i) => ({
            name: s.name, type: 'bar', barGap: '10%', itemStyle: {color: COLORS[i % COLORS.length]},
            data: s.values.map(v => (v === null ? null : +(v * 100).toFixed(2))),
        }));
        const whiskers = series.map((s, i) => ({
            name: s.name, type: 'custom', silent: true, z: 10,
            data: s.ci.map((c, k) => (c ? [k, c[0] * 100, c[1] * 100] : [k, NaN, NaN])),
            renderItem: (params, api) => {
                if (isNaN(api.value(1))) return null;
                const low = api.coord([api.value(0), api.value(1)]);
                const high = api.coord([api.value(0), api.value(2)]);
                const band = api.size([1, 0])[0] * 0.8;
                const width = band / series.length;
                const x = low[0] - band / 2 + width * (i + 0.5);
                const style = {stroke: '#222', lineWidth: 1.2};
                return {type: 'group', children: [
                    {type: 'line', shape: {x1: x, y1: low[1], x2: x, y2: high[1]}, style},
                    {type: 'line', shape: {x1: x - 5, y1: low[1], x2: x + 5, y2: low[1]}, style},
                    {type: 'line', shape: {x1: x - 5, y1: high[1], x2: x + 5, y2: high[1]}, style}]};
            },
        }));
    draw(box, onLeave, {
            animation: false,
            legend: {show: series.length > 1, data: series.map(s => s.name), top: 0, itemGap: 18, type: 'scroll'},
            grid: {left: 60, right: 16, top: series.length > 1 ? 40 : 16, bottom: single ? 52 : 40},
            tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
            xAxis: {type: 'category', data: labels, axisLabel: {interval: 0, lineHeight: 16}},
            yAxis: Y_AXIS(),
            series: [...bars, ...whiskers],
    });
    return box;
}

/** x: time labels; series: [{name, values: [rate|null]}] as lines. */
export function trendChart(id, labels, series, onLeave) {
    const box = chartBox(id, series.map(s => s.name + ': ' + labels.map((l, k) => l + ' ' + pct(s.values[k]))
        .join(', ')).join('; '));
    draw(box, onLeave, {
            animation: false,
            legend: {data: series.map(s => s.name), top: 0, itemGap: 18, type: 'scroll'},
            grid: {left: 60, right: 16, top: 40, bottom: 40},
            tooltip: {trigger: 'axis'},
            xAxis: {type: 'category', data: labels},
            yAxis: Y_AXIS(),
            series: series.map((s, i) => ({name: s.name, type: 'line', symbolSize: 8,
                lineStyle: {width: i === 0 ? 3 : 1.5}, itemStyle: {color: COLORS[i % COLORS.length]},
                data: s.values.map(v => (v === null ? null : +(v * 100).toFixed(2)))})),
    });
    return box;
}
