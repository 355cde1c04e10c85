(window.digestSearch=window.digestSearch||[]).push(["t","br",{"brokered":[10]}]);
