/**
 * The JSAPI payment page's one job: hand the signed parameters to WeChat's own payment sheet
 * (WeixinJSBridge, present only inside WeChat's browser), then go to the order's page once paid.
 */
interface WeixinJSBridge {
  invoke(name: 'getBrandWCPayRequest', params: unknown, done: (result: { err_msg: string }) => void): void;
}

const button = document.querySelector<HTMLButtonElement>('[data-wechat-pay]');
const notDone = document.getElementById('pay-not-done');

function pay() {
  const bridge = (window as unknown as { WeixinJSBridge?: WeixinJSBridge }).WeixinJSBridge;
  if (!bridge) {
    document.addEventListener('WeixinJSBridgeReady', pay, { once: true });
    return;
  }
  bridge.invoke('getBrandWCPayRequest', JSON.parse(button!.dataset.wechatPay!), (result) => {
    if (result.err_msg === 'get_brand_wcpay_request:ok') window.location.href = button!.dataset.done!;
    else if (notDone) notDone.hidden = false;
  });
}

if (button) {
  button.addEventListener('click', pay);
  pay();
}
