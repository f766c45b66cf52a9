// Screenshot stand-in for TDesign's t-count-down: the remaining time as mm:ss.
function parts(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  return { mm: String(Math.floor(s / 60)).padStart(2, '0'), ss: String(s % 60).padStart(2, '0') };
}
Component({
  properties: { time: { type: Number, value: 0 }, format: String, theme: String, size: String },
  data: { mm: '00', ss: '00' },
  lifetimes: {
    attached() {
      this.setData(parts(this.data.time));
    },
  },
  observers: {
    time(ms) {
      this.setData(parts(ms));
    },
  },
});
