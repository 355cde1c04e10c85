(window.digestSearch=window.digestSearch||[]).push(["t","en",{"ended":[12],"energy":[6,8]}]);
