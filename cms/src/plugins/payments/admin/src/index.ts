const PLUGIN_ID = 'payments';

export default {
  register(app: any) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },
  async registerTrads() {
    return [];
  },
};
