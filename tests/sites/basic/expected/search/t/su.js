(window.digestSearch=window.digestSearch||[]).push(["t","su",{"summit":[5,9],"sustainable":[12]}]);
