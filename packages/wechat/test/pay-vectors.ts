// WeChat Pay v3 published vectors, verbatim from the cited files (test data, not code).

/**
 * P1: wechatpay-apiv3/wechatpay-go `core/auth/signers/sha256withrsa_signer_test.go`. The key is
 * published there as a "TESTING KEY" (the test swaps the label for "PRIVATE KEY" before use).
 */
export const P1 = {
  privateKey: `-----BEGIN TESTING KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDZUJN33V+dSfvd
fL0Mu+39XrZNXFFMQSy1V15FpncHeV47SmV0TzTqZc7hHB0ddqAdDi8Z5k3TKqb7
6sOwYr5TcAfuR6PIPaleyE0/0KrljBum2Isa2Nyq7Dgc3ElBQ6YN4l/a+DpvKaz1
FSKmKrhLNskqokWVSlu4g8OlKlbPXQ9ibII14MZRQrrkTmHYHzfi7GXXM0thAKuR
0HNvyhTHBh4/lrYM3GaMvmWwkwvsMavnOex6+eioZHBOb1/EIZ/LzC6zuHArPpyW
3daGaZ1rtQB1vVzTyERAVVFsXXgBHvfFud3w3ShsJYk8JvMwK2RpJ5/gV0QSARcm
LDRUAlPzAgMBAAECggEBAMc7rDeUaXiWv6bMGbZ3BTXpg1FhdddnWUnYE8HfX/km
OFI7XtBHXcgYFpcjYz4D5787pcsk7ezPidAj58zqenuclmjKnUmT3pfbI5eCA2v4
C9HnbYDrmUPK1ZcADtka4D6ScDccpNYNa1g2TFHzkIrEa6H+q7S3O2fqxY/DRVtN
0JIXalBb8daaqL5QVzSmM2BMVnHy+YITJWIkP2a3pKs9C0W65JGDsnG0wVrHinHF
+cnhFZIbaPEI//DAFMc9NkrWOKVRTEgcCUxCFaHOZVNxDWZD7A2ZfJB2rK6eg//y
gEiFDR2h6mTaDowMB4YF2n2dsIO4/dCG8vPHI20jn4ECgYEA/ZGu6lEMlO0XZnam
AZGtiNgLcCfM/C2ZERZE7QTRPZH1WdK92Al9ndldsswFw4baJrJLCmghjF/iG4zi
hhBvLnOLksnZUfjdumxoHDWXo2QBWbI5QsWIE7AuTiWgWj1I7X4fCXSQf6i+M/y2
6TogQ7d0ANpZFyOkTNMn/tiJvLECgYEA22XqlamG/yfAGWery5KNH2DGlTIyd6xJ
WtJ9j3jU99lZ0bCQ5xhiBbU9ImxCi3zgTsoqLWgA/p00HhNFNoUcTl9ofc0G3zwT
D1y0ZzcnVKxGJdZ6ohW52V0hJStAigtjYAsUgjm7//FH7PiQDBDP1Wa6xSRkDQU/
aSbQxvEE8+MCgYEA3bb8krW7opyM0XL9RHH0oqsFlVO30Oit5lrqebS0oHl3Zsr2
ZGgoBlWBsEzk3UqUhTFwm/DhJLTSJ/TQPRkxnhQ5/mewNhS9C7yua7wQkzVmWN+V
YeUGTvDGDF6qDz12/vJAgSwDDRym8x4NcXD5tTw7mmNRcwIfL22SkysThIECgYAV
BgccoEoXWS/HP2/u6fQr9ZIR6eV8Ij5FPbZacTG3LlS1Cz5XZra95UgebFFUHHtC
EY1JHJY7z8SWvTH8r3Su7eWNaIAoFBGffzqqSVazfm6aYZsOvRY6BfqPHT3p/H1h
Tq6AbBffxrcltgvXnCTORjHPglU0CjSxVs7awW3AEQKBgB5WtaC8VLROM7rkfVIq
+RXqE5vtJfa3e3N7W3RqxKp4zHFAPfr82FK5CX2bppEaxY7SEZVvVInKDc5gKdG/
jWNRBmvvftZhY59PILHO2X5vO4FXh7suEjy6VIh0gsnK36mmRboYIBGsNuDHjXLe
BDa+8mDLkWu5nHEhOxy2JJZl
-----END TESTING KEY-----`.replaceAll('TESTING KEY', 'PRIVATE KEY'),
  mchId: '1234567890',
  serialNo: 'F5765756002FDD77',
  message: 'source',
  signature:
    'BKyAfU4iMCuvXMXS0Wzam3V/cnxZ+JaqigPM5OhljS2iOT95OO6Fsuml2JkFANJU9K6q9bLlDhPXuoVz+pp4hAm6pHU4ld815U4jsKu1RkyaII+1CYBUYC8TK0XtJ8FwUXXz8vZHh58rrAVN1XwNyvD1vfpxrMT4SL536GLwvpUHlCqIMzoZUguLli/K8V29QiOhuH6IEqLNJn8e9b3nwNcQ7be3CzYGpDAKBfDGPCqCv8Rw5zndhlffk2FEA70G4hvMwe51qMN/RAJbknXG23bSlObuTCN7Ndj1aJGH6/L+hdwfLpUtJm4QYVazzW7DFD27EpSQEqA8bX9+8m1rLg==',
};

/** P2: wechatpay-go `utils/aes_test.go` (a 16-byte key, so AES-128-GCM). */
export const P2 = {
  key: 'testAPIv3Key0000',
  nonce: 'wCq51qZv4Yfg',
  associatedData: 'Dl56FrqWQJF1t9LtC3vEUsniZKvbqdR8',
  ciphertext: 'FsdXzxryWfKwvLJKf8LG/ToRPTRh8RN9wROC',
  plaintext: 'Hello World',
};

/** P3: w7corp/easywechat `tests/Kernel/Support/AesGcmTest.php` (data by @TheNorthMemory). */
export const P3 = {
  key: '5YI2YwEdV56hCsNEoOGEeL17vRFcz3i6',
  nonce: 'katvtHDDPxkw',
  associatedData: 'transaction',
  plaintext:
    '{"transaction_id":"1217752501201407033233368018","amount":{"payer_total":100,"total":100,"currency":"CNY","payer_currency":"CNY"},"mchid":"1230000109","trade_state":"SUCCESS","bank_type":"CMC","promotion_detail":[{"amount":100,"wechatpay_contribute":0,"coupon_id":"109519","scope":"GLOBAL","merchant_contribute":0,"name":"单品惠-6","other_contribute":0,"currency":"CNY","stock_id":"931386","goods_detail":[{"goods_remark":"商品备注信息","quantity":1,"discount_amount":1,"goods_id":"M1006","unit_price":100},{"goods_remark":"商品备注信息","quantity":1,"discount_amount":1,"goods_id":"M1006","unit_price":100}]},{"amount":100,"wechatpay_contribute":0,"coupon_id":"109519","scope":"GLOBAL","merchant_contribute":0,"name":"单品惠-6","other_contribute":0,"currency":"CNY","stock_id":"931386","goods_detail":[{"goods_remark":"商品备注信息","quantity":1,"discount_amount":1,"goods_id":"M1006","unit_price":100},{"goods_remark":"商品备注信息","quantity":1,"discount_amount":1,"goods_id":"M1006","unit_price":100}]}],"success_time":"2018-06-08T10:34:56+08:00","payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},"out_trade_no":"1217752501201407033233368018","appid":"wxd678efh567hg6787","trade_state_desc":"支付成功","trade_type":"MICROPAY","attach":"自定义数据","scene_info":{"device_id":"013467007045764"}}',
  ciphertext:
    'LsCtZf91SEdVjdVNHtl6cnmrMz6atFZbsF0cwQQmgrTSb4WOey3uaKPqKbVb3E+9bT65ND/vJDD7/kLBnqOf8j2niXJ3vtdx11dpAG9yevfWdD8My6k9moQ+uuoLq9D1LVM4/QFGUYU68mKZr5FsPjWlImj06vg010LWzNe24cInjPNfelvfsz1xDKVpMwC1dy4ANPt4ZOCmch/pfezLrg13f/aTs8Rs9v4v+B1jqme9oyUnSVFOOU19gCPvyvCLSVbvf3Ng0noWHKDh2IbA7tozFDkZr8q9Y9f9igfCUq4W4LCnyhIyidqYr17DM8O0I+JlAf+Awf0xFYRMDckQItWAsYp/a11Z3wZ4pEurRlL8Dvz1PsZU9X4ZmCtxfvYVND+b1Xf4zWJV4e9atODn9JIXg8ENmGASrxG64hOQI4al79DT2kIoWSy7SmdyJX0ZI6MILD+x4f5gi4GAT7lpw0ufXK73YXIRfvzEU3EsJDc72AHAsACTdWosSOmLejB2W0Saf27HqDxGOvb2IFaIlwVgL7g7hCItbFJ0MV3X7clwU0V35T+hF5lrrB9OSH0w0GWeRNZmWjeR+EQX2WJWB0JnG7ZKCtxkMhPcCThze92TkIJsCHj0c2uCOru37hMXvce3qJNZSKpMkperGia4HeqVRI+Zn+qc1PCfK+1m8wqdnROMzEa8U3Gw9Exx0CuYff6NGmIMQedr6IlBcJpM8loR1Q3b5ea2oI4lGy+3akXT70QkVRExIcubvPsCzf8r14+rgbonKCkGeAfSiIzRzW7u9HkTSzcZPDQqzMtaIsYVLx/b+eQ0tuGaYbLAfTO0yn+MJx+EQMAPi31qTAggmmSZOudvZHal2/azn12+dSF1Im1KZdddAFcTahKcu9Iu4qZo7q8XvOHuSLjSxh6aAWij6c4HbdxgxDw5zkk3GZtqG+u977HlPDgnJCDTvbTvQ7vrnptBzkXJ3QehJ8AlNLdW3GXXSF3ZkOPYNYnlrbEIpPu255nNj0aTURH4UXQgO+LCjy53bCEumlSoO91BQ1++WSBVnJK9xm5yuBDkjFSZjwQ27IM3V66db3766QUnUG8gnqASMzXQ+eNTAUMTNW8NC7ccQ1Z2YCsDVhEH7fDzbSuTExIV+/fgIE4Zpn7r+Ry+AnTRn92CQRW1ri8+hdL60uQDiBma1fovMNPX/cVrNwPF2r+b12Fp8KLF51572KCy487nj2+1OhzF8tbe8ZPLQRvv2bHKJnubQDKHP607KdbZMMPrl9BfpTQYVUKwo1GAjytizlQpVvWf4+PVgDjdys84tiw+iS9/HStC9NatcRZqXn4YR9c69ICaCqiHKEV9S7EPEI73nmb1o/Jl+Pnl/wul+eOtK5X3LY+n5Rh+WciCL4zZG64lsUGzRgFprxoJBqDJFFydVTzKktQT2aoHiUpk9j4Vc3fcmYru0CfUBi5qhi2bKr8+PwWWKgS1mPeU3o/cqkBUqSAXTjewq298351pQ7LVSadp+UXR5je+Nal5OfCVCAVyUB4PVhRTQLPcubRLwYRh/+1LLL/xizgUf6rCOcYNZQ3MnCUCdgVKE4IftSmFQwE91fdVoJQUbrsNuNchG26681XekJVh70iLhzmkYaSdE69WPfN01R8B4uQziY/VHLztg60F9vEIZs5DxPj2lafiwDGTk+cSH/VF2DC+A/8mJlqZCMEn2kv1SDg1i0aV74MJn6EDkI2NyahXAzvEEpdUDG9nRtRqSy9DA/E5Ae0HV0jqWXSGYSrXOT07PNqCxgzfgXE/oEGuGTb/30rD7dU=',
};
