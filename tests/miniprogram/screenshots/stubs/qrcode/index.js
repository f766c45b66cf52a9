// Screenshot stand-in for TDesign's t-qrcode: the page HTML step draws a real QR code of `value` here.
Component({ properties: { value: { type: String, value: '' }, size: Number, level: String, borderless: Boolean }, data: {} });
