// Media the peer sends: fixed, valid bitstreams so a receiving browser really decodes them.

/**
 * One VP8 key frame, 160x120 (a blue-to-yellow gradient with a white "P"), encoded by Chromium's
 * WebCodecs VideoEncoder from make-vp8-keyframe.html. Sent again as every frame, so each one decodes alone.
 */
export const VP8_KEYFRAME_160x120 = Buffer.from(
  "8CEAnQEqoAB4AAAHCIWFiJmEiAEkHZ4wXXwfseR0UElIlMF/hnz/+f/kJFNkr9+/rn7m/sB8ZlxfxPLAoJ2IGS5c9j+0HXJWiB0qHo51qpePCX8QPxJ0i/4Z/tB/M8tr/G7UM9Or9AH+A/GbydPcD/if81/sv5d8ZX+mftt7h5Nk/TN6H9Fd5Tir6wORniw4ggkejkKtsnL39KEp+379/fv39+/j9z2CYP1LKO3yex19Y6UKOu/f37+JQpiUscHfxU3lIbDquLUtTX0aN+L8o4BHhvITjTjfvzv6g6zmTc4NNMB/aB78pkjUKg5B+/fv79/fv0F+RyFfv0Uv3DstBz7+/ftQBRGDxjY+SBo3RHnv0DbLpVp9+zD++6V/nfyFf88D8s96n/+F+RuLXtWgzf2/oY//uIhPtP5b/2OLg0kZbcaMmRCEXlrSI4ioWK1iB6Jc2mdG6Gl9fgYbzqbwfjrjCkWcXoBX+X7RTfvXt+zk5+pUxLZE2V4G+mpX1LArBC+NW9XB7pbz0Sap1hK/mwdi9EJLG1Az6rOk3oUI8KcY1L0Dm8n8tFukZhNPKtWNv8jCY0pWs01MwnoxYKhKgdf00/koeoM32G9oZen/sChd+QRcb3pgrPkOF4jy1AUq3Ha2ZKny12wXRq/0gOS3+g1Gz1QUbTdKQcudKjaNILHn5vJcDLK1sPrqJ9IZp8/lf8iM9npB/s7YTBDn8AvUEpgyMB9TiwRSas2bS2EzJ/2GU9b0tfJSUdQKFbVoIpW5hlctl3lmAka8q6EzKuAuj6Yah3gmv6g64lWsyw39lhfRSgH04fPYKgsbyAUvb/rsHAWKFYUafCDFWreI3oBL+QO/eJe/+01kv//mWdTAvBX3nMf1i4xFT2A6ai4G4+m+etfBTX5FFdtEfhycYah+dgr6fyD6tZWvOZd0Axs2H39jxOIuH2eofPK1/Jpybuw1E85bvO3ROtYysdfZffkv55N1KvKpz7aW83S6OvfzbO3suT4G+XykoFtwGN9K73SltZL0sPzq6MR0FSEDvn8CyiIQQ++n83II5/uvwgG6/Uj/Z7OeH+xi//IpqX8hb5SH/iWDdOx59D3Tt/MBAOmRmLr/9GwOM8rkH8/zT+CX/Xmh62ATFcxd3z6wZDlGvfN/j1S1A/b/eRcT333RjOmUc39GGbV8vjvekyINF83wq19+ZybFON09+ouaMVPEE2gbkrxz5wUzbK2Ol/mgr9gv0kFYcAWX+fPMCXyRNQMO682Oq+CcnCScV+1Re8MY4IuWtCgsij4eDZ02XTy7auLo7/I5/LcuHw6jaMA3UQv+7vjt2g6czpswvjwpHRI5xRajWiduilA48okWLPTDyhwT9XPGBTSPCuq5mloWo7Lux/XEBwAYwAMJ9uvHgUjdObNrmEohgd0o4hG/mNvBxexpgDQxODNhU2xUtB9Qe9YwL8CwlkmQJz1AwcPclg2MtocqX2hKxKkYHs55pdbByQYOrO9TBrZ0SGBNDo6dxSOobdv4LqNLsM5WUYaYCcgqjrsPqmnhEUpqIPXBqD2acbYYeNNRieeY01s4PjCccDT8bFGnUYKJXmenDcSxjK+RCagAz+EAokhNWkmxhm7dI23Xup69Mj6pJPCZn00wJqqsf/DQAA==",
  "base64");

/** 20 ms of Opus silence (TOC 0xF8: CELT, full band, 20 ms, one frame), the packet browsers send when muted. */
export const OPUS_SILENCE_20MS = Buffer.from([0xf8, 0xff, 0xfe]);
