const PLUGIN_ID = 'booking';

export default {
  register(app: any) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },
  async registerTrads() {
    return [];
  },
};
