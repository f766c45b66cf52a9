// Screenshot stand-in for TDesign's t-notice-bar (the simulator cannot load TDesign): shows the text.
Component({ properties: { content: { type: String, value: '' }, visible: Boolean, marquee: null }, data: {} });
