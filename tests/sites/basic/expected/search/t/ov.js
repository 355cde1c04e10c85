(window.digestSearch=window.digestSearch||[]).push(["t","ov",{"over":[15]}]);
